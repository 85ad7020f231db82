package dlt.infrastructure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * Records every AWS SDK call made in this JVM with the dlt classes on the calling thread's stack, so a test
 * can tell which function made it. Loaded by the SDK as a global interceptor (this module's test resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}); every client sees it.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    /** One call: the SDK's service and operation names, the request, and the dlt classes calling, innermost first. */
    public record Call(String service, String operation, SdkRequest request, List<String> callers) {
    }

    private static final Queue<Call> CALLS = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        record(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request());
    }

    /**
     * A DynamoDB client whose calls are recorded too: DynamoDB Local's embedded client answers in-process,
     * so its calls never pass the SDK's interceptors. Default methods (the builder and paginator forms) run
     * on this proxy, so the one request they make is recorded once.
     */
    public static DynamoDbClient watching(DynamoDbClient client) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof DynamoDbRequest request) {
                if (method.getName().endsWith("Paginator")) {
                    return method.getReturnType().getConstructor(DynamoDbClient.class, method.getParameterTypes()[0])
                            .newInstance(proxy, request);
                }
                String type = request.getClass().getSimpleName();
                record("DynamoDb", type.substring(0, type.length() - "Request".length()), request);
            } else if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }

    private static void record(String service, String operation, SdkRequest request) {
        List<String> callers = StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(name -> name.startsWith("dlt.") && !name.startsWith("dlt.infrastructure."))
                .distinct()
                .toList());
        CALLS.add(new Call(service, operation, request, callers));
    }

    public static List<Call> calls() {
        return List.copyOf(CALLS);
    }

    public static void clear() {
        CALLS.clear();
    }
}
