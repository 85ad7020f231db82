package dlt.local.asl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Maps a Task state's {@code Resource} (after substitution) to the handler that runs it in-process. */
public final class TaskRegistry {
    private final Map<String, TaskHandler> handlers;

    private TaskRegistry(Map<String, TaskHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    public static TaskRegistry of(Map<String, TaskHandler> handlers) {
        return new TaskRegistry(new LinkedHashMap<>(handlers));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<TaskHandler> handler(String resource) {
        return Optional.ofNullable(handlers.get(resource));
    }

    public Set<String> resources() {
        return handlers.keySet();
    }

    public static final class Builder {
        private final Map<String, TaskHandler> handlers = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder register(String resource, TaskHandler handler) {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(resource, handler) != null) {
                throw new IllegalArgumentException("a handler is already registered for " + resource);
            }
            return this;
        }

        public TaskRegistry build() {
            return new TaskRegistry(handlers);
        }
    }
}
