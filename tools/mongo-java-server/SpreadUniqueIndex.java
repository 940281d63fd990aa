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
    return fields.keyValues(document, super::getKeyValues);
  }

  @Override
  public synchronized void checkAdd(Document document, MongoCollection<Integer> collection) {
    KeyValue plain = fields.plainKey(document);
    if (plain == null) {
      super.checkAdd(document, collection);
    } else {
      refuseDuplicate(plain, document, collection);
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
    if (refuseDuplicate(plain, document, collection)) file(plain, position);
  }

  /** Files a checked key; taken already means two writers raced past the check. */
  private void file(KeyValue plain, Integer position) {
    if (!putKeyPosition(plain, position)) {
      throw new IllegalStateException("Key " + plain + " already exists. Concurrency issue?");
    }
  }

  /**
   * Refuses a document whose plain key another document holds already. False when a sparse
   * index leaves the document out (it has none of the fields), so there is nothing to file.
   */
  private boolean refuseDuplicate(
      KeyValue plain, Document document, MongoCollection<Integer> collection) {
    if (leftOut(document)) return false;
    if (containsKey(plain)) throw new DuplicateKeyError(this, collection, getKeys(), plain);
    return true;
  }

  /** Whether this is a sparse index and the document has none of its (plain) fields. */
  private boolean leftOut(Document document) {
    return isSparse() && fields.nonePresent(document);
  }

  @Override
  public synchronized Integer remove(Document document) {
    KeyValue plain = fields.plainKey(document);
    if (plain == null) return super.remove(document);
    if (leftOut(document)) return null;
    return removeDocument(plain);
  }

  /**
   * A document a sparse index leaves out has no position in it. The library looks its missing
   * fields up as null, which finds the document that stores an explicit null, so its update of
   * any document without the field failed with "Expected one element but got at least two".
   */
  @Override
  public Integer getPosition(Document document) {
    KeyValue plain = fields.plainKey(document);
    return plain == null ? super.getPosition(document) : filedAt(document, plain);
  }

  /**
   * Plain keys are checked here rather than by the library, which compares the two versions'
   * keys with missing and null alike: a document whose field went from missing to null was never
   * filed in a sparse index, so a second null was let in where MongoDB refuses it.
   */
  @Override
  public synchronized void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
    if (fields.same(oldDocument, newDocument)) return; // same keys: no new duplicate possible
    KeyValue before = fields.plainKey(oldDocument);
    KeyValue after = fields.plainKey(newDocument);
    if (before == null || after == null) {
      super.checkUpdate(oldDocument, newDocument, collection);
      return;
    }
    if (leftOut(newDocument)) return;
    Integer holder = getPosition(after);
    if (holder != null && !holder.equals(filedAt(oldDocument, before))) {
      throw new DuplicateKeyError(this, collection, getKeys(), after);
    }
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> collection)
      throws KeyConstraintError {
    if (fields.same(oldDocument, newDocument)) return; // filed under the same key already
    KeyValue before = fields.plainKey(oldDocument);
    KeyValue after = fields.plainKey(newDocument);
    if (before == null || after == null) {
      super.updateInPlace(oldDocument, newDocument, position, collection);
      return;
    }
    if (!leftOut(oldDocument)) removeDocument(before);
    if (!leftOut(newDocument)) file(after, position);
  }

  /** Where the index holds the document with this plain key (null when it leaves it out). */
  private Integer filedAt(Document document, KeyValue plain) {
    return leftOut(document) ? null : getPosition(plain);
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
