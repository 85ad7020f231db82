package dlt.core.port.memory;

import dlt.core.port.TestRunRepository;
import dlt.core.port.contract.TestRunRepositoryContract;

class InMemoryTestRunRepositoryContractTest extends TestRunRepositoryContract {
    @Override
    protected TestRunRepository createRepository() {
        return new InMemoryTestRunRepository();
    }
}
