package dlt.core.port.memory;

import dlt.core.port.ScenarioRepository;
import dlt.core.port.contract.ScenarioRepositoryContract;

class InMemoryScenarioRepositoryContractTest extends ScenarioRepositoryContract {
    @Override
    protected ScenarioRepository createRepository() {
        return new InMemoryScenarioRepository();
    }
}
