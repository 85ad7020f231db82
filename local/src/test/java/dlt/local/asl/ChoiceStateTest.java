package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static dlt.local.asl.Asl.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChoiceStateTest {
    private static final JsonNode INPUT = json("""
            {'s':'beta','n':5,'b':true,'t':'2024-06-01T12:00:00Z','nul':null,'numText':'5',
             'other':{'s':'beta','n':5,'b':true,'t':'2024-06-01T12:00:00Z','low':'alpha','big':9,'early':'2020-01-01T00:00:00Z'}}""");

    /** Runs a Choice with one rule; the output says which way it went. */
    private static String choose(String rule) throws Exception {
        String definition = """
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[RULE],'Default':'No'},
                  'Yes':{'Type':'Pass','Result':'yes','End':true},
                  'No':{'Type':'Pass','Result':'no','End':true}}}""".replace("RULE", rule);
        ExecutionResult result = run(definition, INPUT);
        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return result.output().textValue();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            $.s | StringEquals | 'beta' | yes
            $.s | StringEquals | 'gamma' | no
            $.s | StringLessThan | 'gamma' | yes
            $.s | StringLessThan | 'alpha' | no
            $.s | StringGreaterThan | 'alpha' | yes
            $.s | StringLessThanEquals | 'beta' | yes
            $.s | StringGreaterThanEquals | 'beta' | yes
            $.s | StringGreaterThanEquals | 'c' | no
            $.n | NumericEquals | 5 | yes
            $.n | NumericEquals | 5.0 | yes
            $.n | NumericLessThan | 10 | yes
            $.n | NumericLessThan | 5 | no
            $.n | NumericGreaterThan | 4.5 | yes
            $.n | NumericLessThanEquals | 5 | yes
            $.n | NumericGreaterThanEquals | 6 | no
            $.numText | NumericEquals | 5 | no
            $.b | BooleanEquals | true | yes
            $.b | BooleanEquals | false | no
            $.t | TimestampEquals | '2024-06-01T12:00:00Z' | yes
            $.t | TimestampEquals | '2024-06-01T14:00:00+02:00' | yes
            $.t | TimestampLessThan | '2024-06-01T12:00:01Z' | yes
            $.t | TimestampGreaterThan | '2024-06-01T12:00:01Z' | no
            $.t | TimestampLessThanEquals | '2024-06-01T12:00:00Z' | yes
            $.t | TimestampGreaterThanEquals | '2025-01-01T00:00:00Z' | no
            $.s | StringMatches | 'b*a' | yes
            $.s | StringMatches | '*et*' | yes
            $.s | StringMatches | 'a*' | no
            $.nul | IsNull | true | yes
            $.s | IsNull | true | no
            $.s | IsPresent | true | yes
            $.missing | IsPresent | false | yes
            $.missing | IsPresent | true | no
            $.n | IsNumeric | true | yes
            $.numText | IsNumeric | true | no
            $.s | IsString | true | yes
            $.n | IsString | false | yes
            $.b | IsBoolean | true | yes
            $.t | IsTimestamp | true | yes
            $.s | IsTimestamp | false | yes
            """)
    void comparison_literalOperand_matchesAsAwsDoes(String variable, String operator, String operand, String expected)
            throws Exception {
        String rule = "{'Variable':'" + variable + "','" + operator + "':" + operand + ",'Next':'Yes'}";
        assertThat(choose(rule)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            $.s | StringEqualsPath | $.other.s | yes
            $.s | StringLessThanPath | $.other.low | no
            $.s | StringGreaterThanPath | $.other.low | yes
            $.s | StringLessThanEqualsPath | $.other.s | yes
            $.s | StringGreaterThanEqualsPath | $.other.s | yes
            $.n | NumericEqualsPath | $.other.n | yes
            $.n | NumericLessThanPath | $.other.big | yes
            $.n | NumericGreaterThanPath | $.other.big | no
            $.n | NumericLessThanEqualsPath | $.other.n | yes
            $.n | NumericGreaterThanEqualsPath | $.other.big | no
            $.b | BooleanEqualsPath | $.other.b | yes
            $.t | TimestampEqualsPath | $.other.t | yes
            $.t | TimestampLessThanPath | $.other.early | no
            $.t | TimestampGreaterThanPath | $.other.early | yes
            $.t | TimestampLessThanEqualsPath | $.other.t | yes
            $.t | TimestampGreaterThanEqualsPath | $.other.early | yes
            $.s | NumericEqualsPath | $.other.n | no
            """)
    void comparison_pathOperand_comparesWithValueAtPath(String variable, String operator, String operand,
                                                        String expected) throws Exception {
        String rule = "{'Variable':'" + variable + "','" + operator + "':'" + operand + "','Next':'Yes'}";
        assertThat(choose(rule)).isEqualTo(expected);
    }

    @Test
    void stringMatches_escapedStar_matchesLiteralStar() throws Exception {
        String definition = """
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[{'Variable':'$.v','StringMatches':'a\\\\*b','Next':'Yes'}],'Default':'No'},
                  'Yes':{'Type':'Pass','Result':'yes','End':true},
                  'No':{'Type':'Pass','Result':'no','End':true}}}""";

        assertThat(run(definition, json("{'v':'a*b'}")).output().textValue()).isEqualTo("yes");
        assertThat(run(definition, json("{'v':'axxb'}")).output().textValue()).isEqualTo("no");
    }

    @Test
    void andOrNot_combineRules() throws Exception {
        assertThat(choose("""
                {'And':[{'Variable':'$.n','NumericGreaterThan':1},{'Variable':'$.s','StringEquals':'beta'}],'Next':'Yes'}"""))
                .isEqualTo("yes");
        assertThat(choose("""
                {'And':[{'Variable':'$.n','NumericGreaterThan':1},{'Variable':'$.s','StringEquals':'zeta'}],'Next':'Yes'}"""))
                .isEqualTo("no");
        assertThat(choose("""
                {'Or':[{'Variable':'$.n','NumericGreaterThan':100},{'Variable':'$.b','BooleanEquals':true}],'Next':'Yes'}"""))
                .isEqualTo("yes");
        assertThat(choose("{'Not':{'Variable':'$.s','StringEquals':'beta'},'Next':'Yes'}")).isEqualTo("no");
        assertThat(choose("""
                {'Not':{'And':[{'Variable':'$.missing','IsPresent':true},{'Variable':'$.missing','IsNull':false}]},'Next':'Yes'}"""))
                .isEqualTo("yes");
    }

    @Test
    void choices_firstMatchingRuleWins_andOutputPathApplies() throws Exception {
        String definition = """
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','InputPath':'$.in','OutputPath':'$.keep','Choices':[
                    {'Variable':'$.n','NumericGreaterThan':0,'Next':'First'},
                    {'Variable':'$.n','NumericGreaterThan':1,'Next':'Second'}]},
                  'First':{'Type':'Pass','ResultPath':'$.went','Result':'first','End':true},
                  'Second':{'Type':'Pass','ResultPath':'$.went','Result':'second','End':true}}}""";

        ExecutionResult result = run(definition, json("{'in':{'n':5,'keep':{'x':1}}}"));

        assertThat(result.output()).isEqualTo(json("{'x':1,'went':'first'}"));
    }

    @Test
    void choice_noMatchAndNoDefault_failsWithNoChoiceMatched() throws Exception {
        String definition = """
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericEquals':1,'Next':'D'}]},
                  'D':{'Type':'Succeed'}}}""";

        ExecutionResult result = run(definition, json("{'n':2}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void comparison_missingVariable_failsWithStatesRuntime() throws Exception {
        String definition = """
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[{'Variable':'$.nope','NumericEquals':1,'Next':'D'}],'Default':'D'},
                  'D':{'Type':'Succeed'}}}""";

        ExecutionResult result = run(definition, json("{}"));

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("$.nope");
    }
}
