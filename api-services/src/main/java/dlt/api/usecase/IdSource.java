package dlt.api.usecase;

import java.security.SecureRandom;

/** New test and run ids: 10 characters of {@code [A-Za-z0-9]}, as DLT's {@code generateUniqueId(10)}. */
@FunctionalInterface
public interface IdSource {

    String next();

    /**
     * Ids from a {@link SecureRandom} made on first use, so none is captured in a SnapStart snapshot
     * when the handler is built during init.
     */
    static IdSource random() {
        return new IdSource() {
            private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            private SecureRandom random;

            @Override
            public synchronized String next() {
                if (random == null) {
                    random = new SecureRandom();
                }
                StringBuilder id = new StringBuilder(10);
                for (int i = 0; i < 10; i++) {
                    id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                return id.toString();
            }
        };
    }
}
