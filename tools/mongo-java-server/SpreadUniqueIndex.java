import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory backend's unique index (`_id`, `{_id, fence}`, idempotency keys…) keyed by
 * {@link SpreadKey}, so lookups by ObjectId do not walk collision chains.
 */
final class SpreadUniqueIndex extends AbstractUniqueIndex<Integer> {
  private final Map<SpreadKey, Integer> index = new ConcurrentHashMap<>();

  SpreadUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
  }

  @Override
  public long getCount() {
    return index.size();
  }

  @Override
  public boolean isEmpty() {
    return index.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  @Override
  protected Integer removeDocument(KeyValue keyValue) {
    return index.remove(new SpreadKey(keyValue));
  }

  @Override
  protected boolean putKeyPosition(KeyValue keyValue, Integer position) {
    return index.putIfAbsent(new SpreadKey(keyValue), position) == null;
  }

  @Override
  protected Integer getPosition(KeyValue keyValue) {
    return index.get(new SpreadKey(keyValue));
  }

  @Override
  protected Iterable<Map.Entry<KeyValue, Integer>> getIterable() {
    return () ->
        index.entrySet().stream()
            .map(
                e ->
                    (Map.Entry<KeyValue, Integer>)
                        new AbstractMap.SimpleImmutableEntry<>(e.getKey().value, e.getValue()))
            .iterator();
  }
}
