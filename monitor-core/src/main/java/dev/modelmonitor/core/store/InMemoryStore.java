package dev.modelmonitor.core.store;
import dev.modelmonitor.api.*;
import java.util.*;
import java.util.function.Consumer;
public final class InMemoryStore implements Store {
    private final List<StoreRecord> all = Collections.synchronizedList(new ArrayList<>());
    public static B builder() { return new B(); }
    public static final class B { public InMemoryStore build() { return new InMemoryStore(); } }
    public void append(StoreRecord r) { all.add(r); }
    public <T extends StoreRecord> List<T> latest(Class<T> type, ModelKey key, int limit) {
        List<T> out = new ArrayList<>();
        synchronized (all) { for (StoreRecord r : all) if (type.isInstance(r) && r.key().equals(key)) out.add(type.cast(r)); }
        return new ArrayList<>(out.subList(Math.max(0, out.size() - limit), out.size()));
    }
    public <T extends StoreRecord> void scan(Class<T> type, ModelKey key, long from, long to, Consumer<? super T> a) {
        synchronized (all) { for (StoreRecord r : all) if (type.isInstance(r) && (key == null || r.key().equals(key)) && r.timestampMillis() >= from && r.timestampMillis() < to) a.accept(type.cast(r)); }
    }
}
