package dlt.loadtester.engine;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One virtual user: where it is in the scenario, its connections (one per distinct endpoint), and the
 * timestamps of the request in flight. Owned by exactly one event loop, so nothing here is shared.
 */
final class VirtualUser {
    enum Phase { WAITING, CONNECTING, SENDING, AWAITING_RESPONSE, DONE }

    final int id;
    final Connection[] connections;
    final ByteBuffer[] fixedRequests;
    Map<String, String> variables;

    Phase phase = Phase.WAITING;
    int stepIndex;
    boolean iterationActive;
    long wakeAtNanos;
    ByteBuffer request;
    int requestBytes;

    long intendedNanos;
    long sendNanos;
    long connectStartNanos;
    long connectNanos = -1;
    long firstByteNanos;
    long bytesReceived;
    long deadlineNanos;
    boolean reusedConnection;
    boolean retried;
    Connection active;

    VirtualUser(int id, int endpoints, byte[][] fixedRequestBytes) {
        this.id = id;
        this.connections = new Connection[endpoints];
        this.fixedRequests = new ByteBuffer[fixedRequestBytes.length];
        for (int i = 0; i < fixedRequestBytes.length; i++) {
            if (fixedRequestBytes[i] != null) fixedRequests[i] = ByteBuffer.wrap(fixedRequestBytes[i]).asReadOnlyBuffer();
        }
    }

    Map<String, String> variables() {
        if (variables == null) variables = new HashMap<>();
        return variables;
    }

    boolean busy() {
        return phase == Phase.CONNECTING || phase == Phase.SENDING || phase == Phase.AWAITING_RESPONSE;
    }

    void closeConnections() {
        for (int i = 0; i < connections.length; i++) {
            if (connections[i] != null) {
                connections[i].close();
                connections[i] = null;
            }
        }
    }
}
