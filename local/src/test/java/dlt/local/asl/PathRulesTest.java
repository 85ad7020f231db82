package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static dlt.local.asl.Asl.run;
import static dlt.local.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** InputPath, Parameters, ResultSelector, ResultPath and OutputPath, following the examples of the AWS docs. */
class PathRulesTest {
    private static final JsonNode COMMENT_INPUT = json("""
            {'comment':'Example for InputPath.','dataset1':{'val1':1,'val2':2,'val3':3},
             'dataset2':{'val1':'a','val2':'b','val3':'c'}}""");

    private static TaskRegistry echo() {
        return TaskRegistry.builder().register("arn:echo", input -> input).build();
    }

    @Test
    void inputPath_selectsPartOfInput_taskSeesOnlyThatPart() throws Exception {
        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:echo','InputPath':'$.dataset2','End':true}"),
                COMMENT_INPUT, echo());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{'val1':'a','val2':'b','val3':'c'}"));
    }

    @Test
    void parameters_staticAndPathAndContextFields_buildTheEffectiveInput() throws Exception {
        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:echo','End':true,'Parameters':{
                  'flagged':true,'parts':{'first.$':'$.vals[0]','last.$':'$.vals[-1:]'},
                  'weight.$':'$.weight','execution.$':'$$.Execution.Name','state.$':'$$.State.Name',
                  'entered.$':'$$.State.EnteredTime'}}"""),
                json("{'vals':[0,10,20,30],'weight':42}"), echo());

        JsonNode output = result.output();
        assertThat(output.get("flagged").booleanValue()).isTrue();
        assertThat(output.at("/parts/first").intValue()).isZero();
        assertThat(output.at("/parts/last")).isEqualTo(json("[30]"));
        assertThat(output.get("weight").intValue()).isEqualTo(42);
        assertThat(output.get("execution").textValue()).isEqualTo("test");
        assertThat(output.get("state").textValue()).isEqualTo("S");
        assertThat(output.get("entered").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void parameters_missingPath_failsWithStatesRuntime() throws Exception {
        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:echo','End':true,'Parameters':{'x.$':'$.missing'}}"""),
                json("{}"), echo());

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("$.missing");
    }

    @Test
    void resultSelector_picksFieldsOfTheResult_beforeResultPath() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder().register("arn:cluster", input -> json("""
                {'resourceType':'elasticmapreduce','resource':'createCluster',
                 'output':{'SdkHttpMetadata':{'HttpStatusCode':200},'ClusterId':'AKIAIOSFODNN7EXAMPLE'}}""")).build();

        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:cluster','End':true,
                 'ResultSelector':{'ClusterId.$':'$.output.ClusterId','ResourceType.$':'$.resourceType'},
                 'ResultPath':'$.EMROutput'}"""), json("{'input':1}"), tasks);

        assertThat(result.output()).isEqualTo(json("""
                {'input':1,'EMROutput':{'ClusterId':'AKIAIOSFODNN7EXAMPLE','ResourceType':'elasticmapreduce'}}"""));
    }

    @Test
    void resultPath_dollar_replacesInputWithResult() throws Exception {
        ExecutionResult result = run(single("{'Type':'Pass','Result':'Hello, AWS Step Functions!','End':true}"),
                json("{'comment':'x','details':'y'}"));

        assertThat(result.output().textValue()).isEqualTo("Hello, AWS Step Functions!");
    }

    @Test
    void resultPath_nestedPath_addsResultBesideInput() throws Exception {
        ExecutionResult result = run(single("""
                {'Type':'Pass','Result':'Hi','ResultPath':'$.taskresult.greeting','End':true}"""),
                json("{'comment':'x'}"));

        assertThat(result.output()).isEqualTo(json("{'comment':'x','taskresult':{'greeting':'Hi'}}"));
    }

    @Test
    void resultPath_existingField_isOverwritten() throws Exception {
        ExecutionResult result = run(single("{'Type':'Pass','Result':'new','ResultPath':'$.a','End':true}"),
                json("{'a':'old','b':1}"));

        assertThat(result.output()).isEqualTo(json("{'a':'new','b':1}"));
    }

    @Test
    void resultPath_null_discardsResultAndKeepsInput() throws Exception {
        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:x','ResultPath':null,'End':true}"),
                json("{'keep':'me'}"), TaskRegistry.builder().register("arn:x", input -> json("{'dropped':1}")).build());

        assertThat(result.output()).isEqualTo(json("{'keep':'me'}"));
    }

    @Test
    void resultPath_intoNonObject_failsWithResultPathMatchFailure() throws Exception {
        ExecutionResult result = run(single("{'Type':'Pass','Result':1,'ResultPath':'$.a.b','End':true}"),
                json("{'a':'text'}"));

        assertThat(result.error()).isEqualTo("States.ResultPathMatchFailure");
    }

    @Test
    void outputPath_selectsPartOfCombinedOutput() throws Exception {
        ExecutionResult result = run(single("""
                {'Type':'Pass','Result':{'x':1},'ResultPath':'$.r','OutputPath':'$.r','End':true}"""),
                json("{'in':true}"));

        assertThat(result.output()).isEqualTo(json("{'x':1}"));
    }

    @Test
    void inputPathAndOutputPath_null_giveEmptyObjects() throws Exception {
        ExecutionResult inputNull = run(single("{'Type':'Pass','InputPath':null,'End':true}"), json("{'a':1}"));
        ExecutionResult outputNull = run(single("{'Type':'Pass','OutputPath':null,'End':true}"), json("{'a':1}"));

        assertThat(inputNull.output()).isEqualTo(json("{}"));
        assertThat(outputNull.output()).isEqualTo(json("{}"));
    }

    @Test
    void allFiveFields_combined_applyInDocumentedOrder() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder()
                .register("arn:sum", input -> json("{'sum':" + (input.get("a").intValue() + input.get("b").intValue())
                        + ",'noise':true}"))
                .build();

        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:sum','End':true,
                 'InputPath':'$.numbers','Parameters':{'a.$':'$.first','b.$':'$.second'},
                 'ResultSelector':{'total.$':'$.sum'},'ResultPath':'$.numbers.result','OutputPath':'$.numbers'}"""),
                json("{'title':'t','numbers':{'first':2,'second':3}}"), tasks);

        assertThat(result.output()).isEqualTo(json("{'first':2,'second':3,'result':{'total':5}}"));
    }

    @Test
    void pass_parametersWithoutResult_outputsParameters() throws Exception {
        ExecutionResult result = run(single("""
                {'Type':'Pass','Parameters':{'id.$':'$.user.id','kind':'user'},'ResultPath':'$.picked','End':true}"""),
                json("{'user':{'id':7}}"));

        assertThat(result.output()).isEqualTo(json("{'user':{'id':7},'picked':{'id':7,'kind':'user'}}"));
    }

    @Test
    void contextObject_executionFields_areAvailable() throws Exception {
        ExecutionResult result = run(single("""
                {'Type':'Pass','Parameters':{'id.$':'$$.Execution.Id','start.$':'$$.Execution.StartTime',
                 'input.$':'$$.Execution.Input'},'End':true}"""), json("{'a':1}"));

        assertThat(result.output().get("id").textValue()).startsWith("arn:aws:states:").endsWith(":test");
        assertThat(result.output().get("start").textValue()).endsWith("Z");
        assertThat(result.output().get("input")).isEqualTo(json("{'a':1}"));
    }
}
