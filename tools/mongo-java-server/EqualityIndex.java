import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A non-unique index for mongo-java-server's memory backend, which otherwise ignores every index
 * that is not unique and scans the whole collection. It answers equality (and `$in`) on any
 * leading prefix of its keys, the lookups real MongoDB serves from the same index. It only
 * narrows the candidates: the collection still matches every candidate against the whole query,
 * so an index that returns too many documents is slow, never wrong.
 *
 * Arrays are indexed per element (the base class's key extraction), like a multikey index.
 * Queries on null, ranges, regular expressions, subdocuments and arrays are left to a scan.
 */
final class EqualityIndex extends Index<Integer> {
  /** One key extractor per prefix length: prefixes.get(0) reads the first key only. */
  private final List<Index<Integer>> prefixes = new ArrayList<>();
  /** For each prefix length, the positions of the documents holding each key value. */
  private final List<Map<SpreadKey, Set<Integer>>> positionsByKey = new ArrayList<>();
  /** What each indexed document was filed under, so removal never recomputes it. */
  private final Map<Integer, List<Set<SpreadKey>>> keysByPosition = new HashMap<>();
  private final Map<SpreadKey, Integer> positionById = new HashMap<>();
  private final KeyFields fields;

  EqualityIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    fields = new KeyFields(keys);
    for (int length = 1; length <= keys.size(); length++) {
      prefixes.add(new KeyExtractor(keys.subList(0, length)));
      positionsByKey.add(new HashMap<>());
    }
  }

  /** Values the index can look up: scalars whose equality is plain equality. */
  static boolean isIndexable(Object value) {
    return value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof de.bwaldvogel.mongo.bson.ObjectId
        || value instanceof java.util.Date
        || value instanceof java.time.Instant;
  }

  /** The values a query asks one key to equal, or null when it asks something else. */
  static List<Object> equalityValues(Object condition) {
    if (isIndexable(condition)) return List.of(condition);
    if (!(condition instanceof Document)) return null;
    Document operators = (Document) condition;
    if (operators.size() != 1) return null;
    if (operators.containsKey("$eq")) {
      Object value = operators.get("$eq");
      return isIndexable(value) ? List.of(value) : null;
    }
    Object in = operators.get("$in");
    if (!(in instanceof Collection<?>)) return null;
    List<Object> values = new ArrayList<>();
    for (Object value : (Collection<?>) in) {
      if (!isIndexable(value)) return null;
      values.add(value);
    }
    return values;
  }

  /** The index's key paths, in order. */
  List<String> keyNames() {
    return keys();
  }

  /** How many leading keys the query pins to values (0: this index cannot help). */
  synchronized int usablePrefix(Document query) {
    int length = 0;
    for (String key : keys()) {
      if (equalityValues(query.get(key)) == null) break;
      length++;
    }
    return length;
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return usablePrefix(query) > 0;
  }

  /** The key values a query's leading equalities ask for, one per combination of `$in` values. */
  private List<SpreadKey> lookups(Document query, int length) {
    List<List<Object>> lookups = new ArrayList<>();
    lookups.add(List.of());
    for (String key : keys().subList(0, length)) {
      List<List<Object>> extended = new ArrayList<>();
      for (List<Object> partial : lookups) {
        for (Object value : equalityValues(query.get(key))) {
          List<Object> values = new ArrayList<>(partial);
          values.add(value);
          extended.add(values);
        }
      }
      lookups = extended;
    }
    List<SpreadKey> keyValues = new ArrayList<>();
    for (List<Object> lookup : lookups) {
      keyValues.add(new SpreadKey(new KeyValue(lookup).normalized()));
    }
    return keyValues;
  }

  /**
   * How many documents this index would hand over for the query (an upper bound, counted from
   * the index itself), given its {@link #usablePrefix} (at least 1). The planner picks the index
   * with the fewest.
   */
  synchronized long candidates(Document query, int length) {
    Map<SpreadKey, Set<Integer>> map = positionsByKey.get(length - 1);
    long count = 0;
    for (SpreadKey lookup : lookups(query, length)) {
      Set<Integer> positions = map.get(lookup);
      if (positions != null) count += positions.size();
    }
    return count;
  }

  @Override
  public synchronized Iterable<Integer> getPositions(Document query) {
    int length = usablePrefix(query);
    Map<SpreadKey, Set<Integer>> map = positionsByKey.get(length - 1);
    Set<Integer> found = new HashSet<>();
    for (SpreadKey lookup : lookups(query, length)) {
      Set<Integer> positions = map.get(lookup);
      if (positions != null) found.addAll(positions);
    }
    List<Integer> ordered = new ArrayList<>(found);
    Collections.sort(ordered);
    return ordered;
  }

  private static SpreadKey idOf(Document document) {
    Object id = document.get("_id");
    return new SpreadKey(
        id instanceof Collection<?> || id instanceof Map<?, ?>
            ? new KeyValue(id).normalized()
            : new KeyValue(KeyFields.normalized(id)));
  }

  @Override
  public synchronized Integer getPosition(Document document) {
    return positionById.get(idOf(document));
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Integer> collection) {
    // Not unique: nothing to refuse.
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
    // Not unique: nothing to refuse.
  }

  @Override
  public synchronized void add(
      Document document, Integer position, MongoCollection<Integer> collection) {
    List<Set<SpreadKey>> filed = new ArrayList<>();
    for (int i = 0; i < prefixes.size(); i++) {
      Set<SpreadKey> keyValues = new HashSet<>();
      for (KeyValue keyValue : prefixes.get(i).getKeyValues(document)) {
        SpreadKey normalized = new SpreadKey(keyValue.normalized());
        keyValues.add(normalized);
        positionsByKey.get(i).computeIfAbsent(normalized, k -> new HashSet<>()).add(position);
      }
      filed.add(keyValues);
    }
    keysByPosition.put(position, filed);
    positionById.put(idOf(document), position);
  }

  private void forget(Integer position) {
    List<Set<SpreadKey>> filed = keysByPosition.remove(position);
    if (filed == null) return;
    for (int i = 0; i < filed.size(); i++) {
      Map<SpreadKey, Set<Integer>> map = positionsByKey.get(i);
      for (SpreadKey keyValue : filed.get(i)) {
        Set<Integer> positions = map.get(keyValue);
        if (positions == null) continue;
        positions.remove(position);
        if (positions.isEmpty()) map.remove(keyValue);
      }
    }
  }

  @Override
  public synchronized Integer remove(Document document) {
    Integer position = positionById.remove(idOf(document));
    if (position != null) forget(position);
    return position;
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument,
      Document newDocument,
      Integer position,
      MongoCollection<Integer> collection) {
    // Most updates (a fence bump, a status) leave an index's fields alone: then it stays as filed.
    if (sameKeyFields(oldDocument, newDocument)) return;
    positionById.remove(idOf(oldDocument));
    forget(position);
    add(newDocument, position, collection);
  }

  /** Whether two versions of a document have the same `_id` and the same values in this index's fields. */
  private boolean sameKeyFields(Document oldDocument, Document newDocument) {
    return java.util.Objects.equals(oldDocument.get("_id"), newDocument.get("_id"))
        && fields.same(oldDocument, newDocument);
  }

  @Override
  public synchronized long getCount() {
    return keysByPosition.size();
  }

  @Override
  public long getDataSize() {
    return 0;
  }

  @Override
  public synchronized void drop() {
    positionsByKey.forEach(Map::clear);
    keysByPosition.clear();
    positionById.clear();
  }

  /**
   * Reads the values of a leading subset of the keys (all of them for the longest prefix): plain
   * fields directly ({@link KeyFields#plainKey}), arrays per element as the base class does.
   */
  private static final class KeyExtractor extends Index<Integer> {
    private final KeyFields fields;

    KeyExtractor(List<IndexKey> keys) {
      super("prefix", keys, false);
      fields = new KeyFields(keys);
    }

    @Override
    public Set<KeyValue> getKeyValues(Document document) {
      return fields.keyValues(document, super::getKeyValues);
    }

    @Override
    public Integer getPosition(Document document) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {}

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {}

    @Override
    public Integer remove(Document document) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean canHandle(Document query) {
      return false;
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getCount() {
      return 0;
    }

    @Override
    public long getDataSize() {
      return 0;
    }

    @Override
    public void checkUpdate(
        Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {}

    @Override
    public void updateInPlace(
        Document oldDocument,
        Document newDocument,
        Integer position,
        MongoCollection<Integer> collection) {}

    @Override
    public void drop() {}
  }
}
