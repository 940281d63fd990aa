import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory backend's unique index (`_id`, `{_id, fence}`, idempotency keys…) keyed by
 * {@link SpreadKey}, so lookups by ObjectId do not walk collision chains. An update that leaves
 * the index's fields alone is neither checked nor re-filed (see {@link KeyFields}): the
 * library's own test for that, run on each of a collection's unique indexes for every update,
 * was a fifth of the server's time in a dispatch run. Keys of plain fields are read by {@link
 * KeyFields#plainKey} rather than the library's path splitting; arrays and subdocuments go to
 * the library.
 */
final class SpreadUniqueIndex extends AbstractUniqueIndex<Integer> {
  private final Map<SpreadKey, Integer> index = new ConcurrentHashMap<>();
  private final KeyFields fields;

  SpreadUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    fields = new KeyFields(keys);
  }

  @Override
  public Set<KeyValue> getKeyValues(Document document) {
    KeyValue plain = fields.plainKey(document);
    return plain != null ? Set.of(plain) : super.getKeyValues(document);
  }

  @Override
  public synchronized void checkAdd(Document document, MongoCollection<Integer> collection) {
    KeyValue plain = fields.plainKey(document);
    if (plain == null) {
      super.checkAdd(document, collection);
    } else if (!(isSparse() && fields.nonePresent(document)) && containsKey(plain)) {
      throw new DuplicateKeyError(this, collection, getKeys(), plain);
    }
  }

  @Override
  public synchronized void add(
      Document document, Integer position, MongoCollection<Integer> collection) {
    KeyValue plain = fields.plainKey(document);
    if (plain == null) {
      super.add(document, position, collection);
      return;
    }
    checkAdd(document, collection);
    if (isSparse() && fields.nonePresent(document)) return;
    if (!putKeyPosition(plain, position)) {
      throw new IllegalStateException("Key " + plain + " already exists. Concurrency issue?");
    }
  }

  @Override
  public synchronized Integer remove(Document document) {
    KeyValue plain = fields.plainKey(document);
    if (plain == null) return super.remove(document);
    if (isSparse() && fields.nonePresent(document)) return null;
    return removeDocument(plain);
  }

  @Override
  public Integer getPosition(Document document) {
    KeyValue plain = fields.plainKey(document);
    return plain != null ? getPosition(plain) : super.getPosition(document);
  }

  @Override
  public synchronized void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
    if (fields.same(oldDocument, newDocument)) return; // same keys: no new duplicate possible
    super.checkUpdate(oldDocument, newDocument, collection);
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> collection)
      throws KeyConstraintError {
    if (fields.same(oldDocument, newDocument)) return; // filed under the same key already
    super.updateInPlace(oldDocument, newDocument, position, collection);
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
