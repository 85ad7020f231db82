package dlt.customresource;

import java.io.IOException;
import java.net.URI;

/** Delivers a response document to the presigned {@code ResponseURL} CloudFormation waits on. */
public interface ResponseSender {

    /** @throws IOException when the document could not be delivered (the caller retries) */
    void send(URI responseUrl, byte[] body) throws IOException;
}
