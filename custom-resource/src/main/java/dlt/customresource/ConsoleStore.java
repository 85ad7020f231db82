package dlt.customresource;

/** The console bucket, as the console deployment needs it. */
public interface ConsoleStore {

    void put(String bucket, String key, byte[] body, String contentType);

    /** Removes every object and every version, so that the stack can delete the (versioned) bucket. */
    void empty(String bucket);
}
