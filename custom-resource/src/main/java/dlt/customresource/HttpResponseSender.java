package dlt.customresource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * PUTs the response to S3's presigned URL. The content type must be empty: the URL was signed without one.
 */
public final class HttpResponseSender implements ResponseSender {

    private final Duration timeout;

    public HttpResponseSender(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void send(URI responseUrl, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) responseUrl.toURL().openConnection();
        try {
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Content-Type", "");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw new IOException("the response URL answered HTTP " + status);
            }
        } finally {
            connection.disconnect();
        }
    }
}
