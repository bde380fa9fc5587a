package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Store;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store contract for a {@link FileStore} with the default (group commit) policy. */
class FileStoreContractTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return FileStore.builder(dir.resolve("store")).build();
    }
}
