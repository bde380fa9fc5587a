package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Store;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store contract for a {@link FileStore} that forces every write. */
class FileStoreEveryWriteContractTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return FileStore.builder(dir.resolve("store")).durability(FileStore.Durability.EVERY_WRITE).build();
    }
}
