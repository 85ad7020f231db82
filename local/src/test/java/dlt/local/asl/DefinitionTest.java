package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DefinitionTest {
    private static void assertRefused(String definition, String... messageParts) {
        assertThatThrownBy(() -> StateMachine.parse(Asl.definition(definition), Map.of()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContainingAll(messageParts);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            HeartbeatSeconds | {'Type':'Task','Resource':'arn:x','HeartbeatSeconds':10,'End':true}
            Credentials | {'Type':'Task','Resource':'arn:x','Credentials':{},'End':true}
            ItemReader | {'Type':'Map','ItemReader':{},'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}
            ToleratedFailurePercentage | {'Type':'Map','ToleratedFailurePercentage':5,'Iterator':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}
            Resultpath | {'Type':'Pass','Resultpath':'$.x','End':true}
            Assign | {'Type':'Pass','Assign':{'a':1},'End':true}
            ResultSelector | {'Type':'Pass','ResultSelector':{},'End':true}
            """)
    void parse_unsupportedField_isRefusedNamingStateAndField(String field, String state) {
        assertRefused(Asl.single(state), "state 'S'", "unsupported field '" + field + "'");
    }

    @Test
    void parse_unsupportedStateType_isRefusedNamingIt() {
        assertRefused(Asl.single("{'Type':'Sleep','End':true}"), "unsupported state type 'Sleep'");
    }

    @Test
    void parse_unsupportedTopLevelField_isRefused() {
        assertRefused("{'StartAt':'S','QueryLanguage':'JSONata','States':{'S':{'Type':'Succeed'}}}",
                "unsupported field 'QueryLanguage'");
    }

    @Test
    void parse_unknownChoiceOperator_isRefused() {
        assertRefused("""
                {'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','StringContains':'x','Next':'D'}]},
                 'D':{'Type':'Succeed'}}}""", "unsupported field 'StringContains'");
    }

    @Test
    void parse_missingTransitionTarget_isRefusedNamingIt() {
        assertRefused("{'StartAt':'S','States':{'S':{'Type':'Pass','Next':'Nope'}}}", "'Nope'");
        assertRefused("{'StartAt':'Nope','States':{'S':{'Type':'Succeed'}}}", "StartAt 'Nope'");
    }

    @Test
    void parse_bothNextAndEnd_isRefused() {
        assertRefused("{'StartAt':'S','States':{'S':{'Type':'Pass','Next':'S','End':true}}}", "exactly one of 'Next' and 'End'");
    }

    @Test
    void parse_statesAllNotLast_isRefused() {
        assertRefused(Asl.single("""
                {'Type':'Task','Resource':'arn:x','End':true,'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]}"""),
                "States.ALL");
    }

    @Test
    void parse_invalidPath_isRefused() {
        assertRefused(Asl.single("{'Type':'Pass','InputPath':'data','End':true}"), "InputPath");
        assertRefused(Asl.single("{'Type':'Pass','ResultPath':'$.a[*]','End':true}"), "reference path");
    }

    @Test
    void parse_duplicateKeys_isRefused() {
        assertRefused("{'StartAt':'S','StartAt':'T','States':{'S':{'Type':'Succeed'}}}", "StartAt");
    }

    @Test
    void substitutions_placeholders_replacedBeforeParsing() throws Exception {
        String definition = Asl.definition(Asl.single("""
                {'Type':'Task','Resource':'${TaskRunnerFunctionArn}','Parameters':{'bucket':'${Bucket}'},'End':true}"""));
        StateMachine machine = StateMachine.parse(definition, Map.of(
                "TaskRunnerFunctionArn", "arn:aws:lambda:us-east-1:123:function:task-runner", "Bucket", "b1"));
        TaskRegistry tasks = TaskRegistry.builder()
                .register("arn:aws:lambda:us-east-1:123:function:task-runner", input -> input).build();

        ExecutionResult result = machine.start("s", json("{}"), tasks, Asl.INSTANT).await(Duration.ofSeconds(5));

        assertThat(machine.resources()).containsExactly("arn:aws:lambda:us-east-1:123:function:task-runner");
        assertThat(result.output()).isEqualTo(json("{'bucket':'b1'}"));
    }

    @Test
    void substitutions_missingValue_isRefusedNamingPlaceholder() {
        assertThatThrownBy(() -> StateMachine.parse(Asl.definition(
                Asl.single("{'Type':'Task','Resource':'${CancelerArn}','End':true}")), Map.of("Other", "x")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("CancelerArn");
    }

    @Test
    void start_invalidExecutionName_isRefused() {
        StateMachine machine = StateMachine.parse(Asl.definition(Asl.single("{'Type':'Succeed'}")), Map.of());

        assertThatThrownBy(() -> machine.start("has space", json("{}"), TaskRegistry.builder().build(), Asl.INSTANT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
