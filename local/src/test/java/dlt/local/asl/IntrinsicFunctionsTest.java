package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static dlt.local.asl.Asl.run;
import static dlt.local.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicFunctionsTest {
    private static final JsonNode INPUT = parse("""
            {"name":"Ann","count":3,"list":[1,2,3],"text":"{\\"a\\":1}","obj":{"a":1,"b":{"x":1}},
             "other":{"b":{"y":2},"c":3},"csv":"a,b;c"}""");

    private static JsonNode parse(String text) {
        try {
            return Asl.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Evaluates one intrinsic function call (written with " quotes for its strings) in a Pass state. */
    private static JsonNode call(String expression) throws Exception {
        String definition = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"End\":true,"
                + "\"Parameters\":{\"v.$\":\"" + expression.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}}}";
        ExecutionResult result = StateMachine.parse(definition, Map.of())
                .start("f", INPUT, TaskRegistry.builder().build(), Asl.INSTANT).await(java.time.Duration.ofSeconds(5));
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return result.output().get("v");
    }

    @Test
    void format_placeholdersAndEscapes_fillInArguments() throws Exception {
        assertThat(call("States.Format('Hello, {}! You have {} items, \\{literal\\} and it\\'s {}', $.name, $.count, true)")
                .textValue()).isEqualTo("Hello, Ann! You have 3 items, {literal} and it's true");
    }

    @Test
    void stringToJson_andJsonToString_roundTrip() throws Exception {
        assertThat(call("States.StringToJson($.text)")).isEqualTo(json("{'a':1}"));
        assertThat(call("States.JsonToString($.obj)").textValue()).isEqualTo("{\"a\":1,\"b\":{\"x\":1}}");
    }

    @Test
    void array_functions_buildAndInspectArrays() throws Exception {
        assertThat(call("States.Array('a', $.count, null, States.Array(1))")).isEqualTo(json("['a',3,null,[1]]"));
        assertThat(call("States.ArrayLength($.list)").intValue()).isEqualTo(3);
        assertThat(call("States.ArrayContains($.list, 2)").booleanValue()).isTrue();
        assertThat(call("States.ArrayContains($.list, 5)").booleanValue()).isFalse();
        assertThat(call("States.ArrayGetItem($.list, 1)").intValue()).isEqualTo(2);
        assertThat(call("States.ArrayRange(1, 9, 4)")).isEqualTo(json("[1,5,9]"));
        assertThat(call("States.ArrayUnique(States.Array(1, 1, 2))")).isEqualTo(json("[1,2]"));
        assertThat(call("States.StringSplit($.csv, ',;')")).isEqualTo(json("['a','b','c']"));
    }

    @Test
    void mathAdd_integers_addsThem() throws Exception {
        assertThat(call("States.MathAdd($.count, -5)")).isEqualTo(json("-2"));
    }

    @Test
    void jsonMerge_shallow_secondObjectWinsAtTopLevel() throws Exception {
        assertThat(call("States.JsonMerge($.obj, $.other, false)")).isEqualTo(json("{'a':1,'b':{'y':2},'c':3}"));
    }

    @Test
    void intrinsicFailure_badArgument_failsWithStatesIntrinsicFailure() throws Exception {
        ExecutionResult result = run(single("{'Type':'Pass','End':true,'Parameters':{'v.$':'States.ArrayLength($.name)'}}"),
                json("{'name':'Ann'}"));

        assertThat(result.error()).isEqualTo("States.IntrinsicFailure");
        assertThat(result.cause()).contains("States.ArrayLength");
    }

    @Test
    void parse_unsupportedFunction_isRefusedNamingIt() {
        assertThatThrownBy(() -> StateMachine.parse(Asl.definition(
                single("{'Type':'Pass','End':true,'Parameters':{'id.$':'States.UUID()'}}")), Map.of()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("States.UUID");
    }

    @Test
    void parse_wrongArgumentCount_isRefused() {
        assertThatThrownBy(() -> StateMachine.parse(Asl.definition(
                single("{'Type':'Pass','End':true,'Parameters':{'n.$':'States.MathAdd(1)'}}")), Map.of()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("States.MathAdd takes 2 arguments");
    }
}
