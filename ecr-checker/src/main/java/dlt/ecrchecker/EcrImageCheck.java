package dlt.ecrchecker;

import dlt.core.port.WorkerImageCheck;
import dlt.core.run.workflow.PlatformUnavailableException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The load-tester image on AWS: a private ECR image ({@code {account}.dkr.ecr.{region}.amazonaws.com/{repo}:{tag}}
 * or {@code ...@sha256:...}) must be in its repository (ECR DescribeImages in the registry's region); any
 * other image (ECR Public, Docker Hub...) is public and taken as there, since nothing can check it without
 * pulling it.
 */
public final class EcrImageCheck implements WorkerImageCheck {

    /** The variable naming the load-tester image. */
    public static final String IMAGE_VARIABLE = "LOAD_TESTER_IMAGE";

    private static final Pattern PRIVATE_ECR = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?");

    private final String image;
    private final Function<String, EcrClient> ecrByRegion;

    /** @param ecrByRegion the ECR client of a region, such as one from {@code AwsClients.client(ECR, region, ...)} */
    public EcrImageCheck(String image, Function<String, EcrClient> ecrByRegion) {
        this.image = image == null ? "" : image.trim();
        this.ecrByRegion = ecrByRegion;
    }

    /** A private ECR image reference, parsed. */
    record EcrImage(String account, String region, String repository, String tag, String digest) {
        static EcrImage parse(String image) {
            Matcher m = PRIVATE_ECR.matcher(image);
            if (!m.matches()) {
                return null;
            }
            String tag = m.group(4) == null && m.group(5) == null ? "latest" : m.group(4);
            return new EcrImage(m.group(1), m.group(2), m.group(3), tag, m.group(5));
        }
    }

    @Override
    public ImageStatus check() {
        if (image.isEmpty()) {
            return ImageStatus.missing(image, IMAGE_VARIABLE + " is not set on the ecr-checker function: set it to the "
                    + "load-tester image the workers run (the stack sets it on deploy)");
        }
        EcrImage ecr = EcrImage.parse(image);
        if (ecr == null) {
            return ImageStatus.found(image, "public");
        }
        ImageIdentifier id = ImageIdentifier.builder().imageTag(ecr.tag()).imageDigest(ecr.digest()).build();
        try {
            ecrByRegion.apply(ecr.region()).describeImages(b -> b.registryId(ecr.account())
                    .repositoryName(ecr.repository()).imageIds(id));
            return ImageStatus.found(image, "ecr");
        } catch (ImageNotFoundException e) {
            return ImageStatus.missing(image, "the load-tester image " + image + " is not in the ECR repository "
                    + ecr.repository() + " (" + ecr.region() + "): build and push it (" + reference(ecr)
                    + "), or point " + IMAGE_VARIABLE + " at an image that exists");
        } catch (RepositoryNotFoundException e) {
            return ImageStatus.missing(image, "the ECR repository " + ecr.repository() + " does not exist in account "
                    + ecr.account() + " (" + ecr.region() + "): deploy the stack that creates it, or point "
                    + IMAGE_VARIABLE + " at an image that exists");
        } catch (AwsServiceException e) {
            if (e.statusCode() == 403 || (e.awsErrorDetails() != null
                    && "AccessDeniedException".equals(e.awsErrorDetails().errorCode()))) {
                return ImageStatus.missing(image, "the ecr-checker may not read the ECR repository " + ecr.repository()
                        + ": allow ecr:DescribeImages on it to its role");
            }
            throw new PlatformUnavailableException("ECR could not be asked about " + image + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new PlatformUnavailableException("ECR could not be asked about " + image + ": " + e.getMessage(), e);
        }
    }

    private static String reference(EcrImage ecr) {
        return ecr.digest() != null ? "digest " + ecr.digest() : "tag " + ecr.tag();
    }
}
