package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static dlt.local.asl.Asl.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MapAndParallelTest {
    @Test
    void map_itemSelectorWithContext_resultsInItemOrder() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder().register("arn:region", input -> {
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
            return json("{'region':'" + input.get("region").textValue() + "','index':" + input.get("index").intValue()
                    + ",'testId':'" + input.get("testId").textValue() + "'}");
        }).build();
        String definition = """
                {'StartAt':'Regions','States':{
                  'Regions':{'Type':'Map','ItemsPath':'$.regions','MaxConcurrency':0,'ResultPath':'$.launched','End':true,
                    'ItemSelector':{'region.$':'$$.Map.Item.Value.region','index.$':'$$.Map.Item.Index','testId.$':'$.testId'},
                    'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'Launch','States':{
                      'Launch':{'Type':'Task','Resource':'arn:region','End':true}}}}}}""";

        ExecutionResult result = run(definition, json("""
                {'testId':'t1','regions':[{'region':'us-east-1'},{'region':'eu-west-1'},{'region':'ap-south-1'},
                 {'region':'us-west-2'},{'region':'sa-east-1'}]}"""), tasks);

        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode launched = result.output().get("launched");
        assertThat(launched).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(launched.get(i).get("index").intValue()).isEqualTo(i);
            assertThat(launched.get(i).get("testId").textValue()).isEqualTo("t1");
        }
        assertThat(launched.get(1).get("region").textValue()).isEqualTo("eu-west-1");
        assertThat(result.history()).filteredOn(e -> e.type().equals("MapIterationSucceeded")).hasSize(5);
    }

    @Test
    void map_iteratorWithoutSelector_eachItemIsIterationInput() throws Exception {
        String definition = """
                {'StartAt':'M','States':{'M':{'Type':'Map','End':true,'Iterator':{'StartAt':'P','States':{
                  'P':{'Type':'Pass','Parameters':{'twice.$':'States.MathAdd($.n, $.n)'},'End':true}}}}}}""";

        ExecutionResult result = run(definition, json("[{'n':1},{'n':2},{'n':3}]"));

        assertThat(result.output()).isEqualTo(json("[{'twice':2},{'twice':4},{'twice':6}]"));
    }

    @Test
    void map_maxConcurrency_limitsIterationsRunningAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        TaskRegistry tasks = TaskRegistry.builder().register("arn:work", input -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(20);
            running.decrementAndGet();
            return input;
        }).build();
        String definition = """
                {'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':2,'End':true,
                  'ItemProcessor':{'StartAt':'W','States':{'W':{'Type':'Task','Resource':'arn:work','End':true}}}}}}""";

        ExecutionResult result = run(definition, json("[1,2,3,4,5,6,7,8]"), tasks);

        assertThat(result.output()).isEqualTo(json("[1,2,3,4,5,6,7,8]"));
        assertThat(peak.get()).isEqualTo(2);
    }

    @Test
    void map_failingIteration_failsMapWithItsError_caughtByMapCatch() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder().register("arn:check", input -> {
            if (input.intValue() == 3) {
                throw new IllegalStateException("item 3 is bad");
            }
            return input;
        }).build();
        String definition = """
                {'StartAt':'M','States':{
                  'M':{'Type':'Map','Next':'Done','ResultPath':'$.out','Catch':[
                    {'ErrorEquals':['java.lang.IllegalStateException'],'ResultPath':'$.error','Next':'Failed'}],
                    'ItemsPath':'$.items','ItemProcessor':{'StartAt':'C','States':{'C':{'Type':'Task','Resource':'arn:check','End':true}}}},
                  'Done':{'Type':'Succeed'},
                  'Failed':{'Type':'Pass','End':true}}}""";

        ExecutionResult result = run(definition, json("{'items':[1,2,3,4]}"), tasks);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().at("/error/Error").textValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(result.output().has("out")).isFalse();
        assertThat(result.history()).extracting(HistoryEvent::type).contains("MapIterationFailed", "MapStateFailed");
    }

    @Test
    void map_itemsPathNotAnArray_failsWithStatesRuntime() throws Exception {
        String definition = """
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','End':true,
                  'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}""";

        assertThat(run(definition, json("{'items':'abc'}")).error()).isEqualTo("States.Runtime");
    }

    @Test
    void parallel_branches_outputsArrayInBranchOrder_withResultSelector() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder()
                .register("arn:slow", input -> {
                    Thread.sleep(50);
                    return json("'slow'");
                })
                .register("arn:fast", input -> json("'fast'"))
                .build();
        String definition = """
                {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'InputPath':'$.in',
                  'ResultSelector':{'first.$':'$[0]','second.$':'$[1]'},'ResultPath':'$.both',
                  'Branches':[
                    {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:slow','End':true}}},
                    {'StartAt':'B','States':{'B':{'Type':'Task','Resource':'arn:fast','End':true}}}]}}}""";

        ExecutionResult result = run(definition, json("{'in':{'v':1}}"), tasks);

        assertThat(result.output()).isEqualTo(json("{'in':{'v':1},'both':{'first':'slow','second':'fast'}}"));
    }

    @Test
    void parallel_branchInput_isEffectiveInputAfterParameters() throws Exception {
        String definition = """
                {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Parameters':{'id.$':'$.testId'},
                  'Branches':[
                    {'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}},
                    {'StartAt':'B','States':{'B':{'Type':'Pass','Result':'b','End':true}}}]}}}""";

        assertThat(run(definition, json("{'testId':'t9','other':1}")).output())
                .isEqualTo(json("[{'id':'t9'},'b']"));
    }

    @Test
    void parallel_failingBranch_cancelsWaitingSiblingAndFailsWithItsError() throws Exception {
        String definition = """
                {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
                    {'StartAt':'Long','States':{'Long':{'Type':'Wait','Seconds':3600,'End':true}}},
                    {'StartAt':'Boom','States':{'Boom':{'Type':'Fail','Error':'dlt.Boom','Cause':'branch failed'}}}]}}}""";
        long start = System.nanoTime();

        ExecutionResult result = StateMachine.parse(Asl.definition(definition), Map.of())
                .start("p", json("{}"), TaskRegistry.builder().build(), ExecutionOptions.defaults())
                .await(Duration.ofSeconds(10));

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000L);
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("dlt.Boom");
        assertThat(result.cause()).isEqualTo("branch failed");
    }

    @Test
    void parallel_retry_rerunsAllBranches() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskRegistry tasks = TaskRegistry.builder().register("arn:once", input -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first time");
            }
            return json("'ok'");
        }).build();
        String definition = """
                {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,
                  'Retry':[{'ErrorEquals':['States.ALL'],'MaxAttempts':1}],
                  'Branches':[{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:once','End':true}}}]}}}""";

        ExecutionResult result = run(definition, json("{}"), tasks);

        assertThat(result.output()).isEqualTo(json("['ok']"));
        assertThat(result.history()).filteredOn(e -> e.type().equals("ParallelStateFailed"))
                .singleElement().extracting(HistoryEvent::retryDelay).isEqualTo(Duration.ofSeconds(1));
    }
}
