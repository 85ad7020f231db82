package dlt.api.usecase;

import dlt.core.port.ObjectStore;
import dlt.core.scenario.Scenario;
import dlt.core.script.ScriptBundle;
import dlt.core.script.UploadedScript;
import java.util.OptionalLong;

/**
 * Before a script scenario is stored or run: its file was uploaded (through the upload route, under
 * the scenario's test id) and, for a zip, passes the bundle rules, so a run never starts only to fail
 * on every worker. The workers check a zip again, as it could be replaced after this.
 */
final class UploadedScriptCheck {
    private final ObjectStore objects;

    UploadedScriptCheck(ObjectStore objects) {
        this.objects = objects;
    }

    /** @param idGiven whether the request named the test id (a script is uploaded under the id before the POST) */
    void check(Scenario scenario, boolean idGiven) {
        if (!scenario.testType().usesScript()) return;
        if (!idGiven) {
            throw ApiException.badBody("testId", "a " + scenario.testType().jsonValue() + " test needs the testId its "
                    + "script was uploaded under (POST /scenarios/{testId}/upload-url)");
        }
        UploadedScript upload = UploadedScript.of(scenario);
        OptionalLong size = objects.size(upload.key());
        if (size.isEmpty()) {
            throw new ApiException(ErrorCode.SCRIPT_NOT_UPLOADED, upload.field(), "no " + (upload.zip() ? "zip" : "script")
                    + " is uploaded for test " + scenario.testId() + " (expected at " + upload.key()
                    + "); upload it first through POST /scenarios/" + scenario.testId() + "/upload-url");
        }
        if (size.getAsLong() == 0) {
            throw new ApiException(ErrorCode.INVALID_SCRIPT, upload.field(), "the uploaded file " + upload.key() + " is empty");
        }
        if (!upload.zip()) return;
        if (size.getAsLong() > ScriptBundle.MAX_ZIP_BYTES) {
            throw new ApiException(ErrorCode.INVALID_SCRIPT, upload.field(), "the uploaded zip is " + size.getAsLong()
                    + " bytes; at most " + ScriptBundle.MAX_ZIP_BYTES + " are allowed");
        }
        byte[] zip = objects.get(upload.key()).orElseThrow(() -> new ApiException(ErrorCode.SCRIPT_NOT_UPLOADED,
                upload.field(), "the uploaded zip " + upload.key() + " disappeared while it was being checked"));
        try {
            ScriptBundle.inspect(zip, scenario.testType());
        } catch (ScriptBundle.InvalidBundleException e) {
            throw new ApiException(ErrorCode.INVALID_SCRIPT, upload.field(), "the uploaded zip is refused: " + e.getMessage());
        }
    }
}
