import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields an index reads, with their dotted paths split once, to tell cheaply whether an
 * update left them alone. The library's own check computes both versions' full, normalized key
 * values (splitting each path again) for every index on every update; most updates (a state,
 * a lease, a fence bump) touch one or two of a collection's indexes.
 */
final class KeyFields {
  private final String[][] paths;

  KeyFields(List<IndexKey> keys) {
    paths = new String[keys.size()][];
    for (int i = 0; i < keys.size(); i++) paths[i] = keys.get(i).getKey().split("\\.");
  }

  /**
   * Whether two versions of a document hold equal values in every field of the index, read as
   * {@link #plainValueAt} reads them. Only plain equality counts: a number stored as another
   * type, or any difference inside a nested value, says "changed", and the caller re-files the
   * document, which is always correct.
   */
  boolean same(Document oldDocument, Document newDocument) {
    for (String[] path : paths) {
      Object before = plainValueAt(oldDocument, path);
      Object after = plainValueAt(newDocument, path);
      boolean same =
          before == null
              ? after == null
              : after != null && before.getClass() == after.getClass() && before.equals(after);
      if (!same) return false;
    }
    return true;
  }

  /**
   * The document's key in this index as the library files it (its values normalized: missing
   * and null as null, numbers as doubles unless a long would lose digits), read without the
   * library's per-call regular-expression split of every path and its streams: on inserts that
   * was a fifth of the server's time. Null when a path meets an array or ends in a subdocument:
   * the library's multikey and nested-value rules then apply ({@code super.getKeyValues}).
   */
  KeyValue plainKey(Document document) {
    List<Object> values = new ArrayList<>(paths.length);
    for (String[] path : paths) {
      Object value = plainValueAt(document, path);
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) return null;
      values.add(normalized(value));
    }
    return new KeyValue(values);
  }

  /**
   * The document's keys in this index: its {@link #plainKey}, else what the library reads
   * ({@code super::getKeyValues} of the index), which handles arrays and subdocuments.
   */
  Set<KeyValue> keyValues(Document document, Function<Document, Set<KeyValue>> library) {
    KeyValue plain = plainKey(document);
    return plain != null ? Set.of(plain) : library.apply(document);
  }

  /** Whether the document has none of the index's fields (a sparse index leaves it out). */
  boolean nonePresent(Document document) {
    for (String[] path : paths) {
      if (!(plainValueAt(document, path) instanceof Missing)) return false;
    }
    return true;
  }

  /**
   * The value at a dotted path; the missing marker when a step is absent or not a subdocument
   * (a sparse index files null but not missing, and the library's key is null either way); the
   * whole array when a step is one (callers then leave the document to the library).
   */
  private static Object plainValueAt(Document document, String[] path) {
    Object value = document;
    for (String part : path) {
      if (value instanceof Collection<?>) return value;
      if (!(value instanceof Document)) return Missing.getInstance();
      value = ((Document) value).getOrMissing(part);
    }
    return value;
  }

  /** A scalar normalized as the library's {@code Utils.normalizeValue} does. */
  static Object normalized(Object value) {
    if (value == null || value instanceof Missing) return null;
    if (value instanceof Long && (Long) value != (long) ((Long) value).doubleValue()) return value;
    if (value instanceof Number) {
      double number = ((Number) value).doubleValue();
      return number == -0.0 ? 0.0 : number;
    }
    return value;
  }
}
