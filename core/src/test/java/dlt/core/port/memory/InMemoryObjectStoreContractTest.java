package dlt.core.port.memory;

import dlt.core.port.ObjectStore;
import dlt.core.port.ObjectStore.PresignedDownload;
import dlt.core.port.ObjectStore.PresignedUpload;
import dlt.core.port.contract.ObjectStoreContract;

class InMemoryObjectStoreContractTest extends ObjectStoreContract {
    @Override
    protected ObjectStore createStore() {
        return new InMemoryObjectStore();
    }

    @Override
    protected int uploadTo(PresignedUpload upload, String contentType, byte[] body) {
        return ((InMemoryObjectStore) store).upload(upload.url(), contentType, body);
    }

    @Override
    protected Fetched downloadFrom(PresignedDownload download) {
        InMemoryObjectStore.Download answer = ((InMemoryObjectStore) store).download(download.url());
        return new Fetched(answer.status(), answer.body());
    }
}
