package dlt.core.run.workflow;

import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;

/** One item of the state machine's Map over regions: the run and the region this branch handles. */
public record RegionItem(StateMachineInput run, RegionRun region) {
}
