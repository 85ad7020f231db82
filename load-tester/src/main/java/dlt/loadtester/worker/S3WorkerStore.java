package dlt.loadtester.worker;

import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.s3.S3ObjectStore;
import dlt.core.port.ObjectStore;
import dlt.core.run.WorkerContract;
import java.net.URI;
import java.time.Clock;

/**
 * The scenarios bucket as a worker reaches it: in the stack's region ({@code MAIN_STACK_REGION}), at the
 * contract's S3 endpoint when one is given (path-style, as local stand-ins serve buckets).
 */
final class S3WorkerStore {
    private S3WorkerStore() {
    }

    /** The store; its SDK clients live as long as the worker process. */
    static ObjectStore open(WorkerEnvironment env, Clock clock) {
        WorkerContract contract = env.contract();
        AwsSettings settings = AwsSettings.local(contract.storageRegion(), env.credentials()).withBucket(contract.bucket());
        if (contract.s3Endpoint() != null) settings = settings.withEndpoint(AwsService.S3, URI.create(contract.s3Endpoint()));
        AwsClients clients = new AwsClients(settings);
        return new S3ObjectStore(clients.s3(), clients.s3Presigner(), contract.bucket(), clock);
    }
}
