import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An update of top-level fields only (`$set`, `$unset`, `$inc`, and `$push` of one value, on
 * names without dots or `$`, never `_id`), applied to the stored document where it lies.
 * mongo-java-server's own update deep-copies the whole document twice, compares the copies,
 * and puts every field of the second copy back, so each write turns the whole document into
 * new objects the garbage collector must then copy into the old generation. This touches only
 * the fields named. Anything else (dotted paths, other operators, `$push` modifiers, upserts,
 * multi-document updates) goes to mongo-java-server, as does an `$inc` of a field that holds
 * something other than a number or a `$push` to one that holds something other than an array,
 * so its error is the one reported.
 */
final class TopLevelUpdate {
  private TopLevelUpdate() {}

  /** True when every operator and field of the update can be applied here. */
  static boolean handles(Document update) {
    if (update.isEmpty()) return false;
    Set<String> seen = new HashSet<>();
    for (String operator : update.keySet()) {
      if (!operator.equals("$set")
          && !operator.equals("$unset")
          && !operator.equals("$inc")
          && !operator.equals("$push")) {
        return false;
      }
      Object fields = update.get(operator);
      if (!(fields instanceof Document) || ((Document) fields).isEmpty()) return false;
      for (String field : ((Document) fields).keySet()) {
        boolean plain =
            !field.isEmpty()
                && field.indexOf('.') < 0
                && field.charAt(0) != '$'
                && !field.equals("_id");
        // A field named twice across operators is a conflict mongo-java-server reports.
        if (!plain || !seen.add(field)) return false;
        Object value = ((Document) fields).get(field);
        if (operator.equals("$inc") && !(value instanceof Number)) return false;
        // `$each`, `$position` and the other modifiers stay with the library.
        boolean modifiers = value instanceof Document && hasOperator((Document) value);
        if (operator.equals("$push") && modifiers) return false;
      }
    }
    return true;
  }

  /** Refuses `$`-prefixed or dotted keys inside the values written, as the library does. */
  static void validate(Document update) {
    for (String operator : new String[] {"$set", "$push"}) {
      Object values = update.get(operator);
      if (values != null) Utils.validateFieldNames((Document) values);
    }
  }

  private static boolean hasOperator(Document value) {
    for (String key : value.keySet()) if (key.startsWith("$")) return true;
    return false;
  }

  /**
   * True when each `$inc` of the update finds a number or nothing in the document, and each
   * `$push` an array or nothing.
   */
  static boolean appliesTo(Document stored, Document update) {
    return holdOnly(stored, update.get("$inc"), Number.class)
        && holdOnly(stored, update.get("$push"), List.class);
  }

  private static boolean holdOnly(Document stored, Object fields, Class<?> type) {
    if (fields == null) return true;
    for (String field : ((Document) fields).keySet()) {
      if (stored.containsKey(field) && !type.isInstance(stored.get(field))) return false;
    }
    return true;
  }

  /**
   * The stored document as it will be after the update: a shallow copy sharing every field the
   * update does not name. Null when the update changes nothing.
   */
  static Document after(Document stored, Document update) {
    Document after = new Document(stored);
    boolean changed = false;
    for (String operator : update.keySet()) {
      Document fields = (Document) update.get(operator);
      for (String field : fields.keySet()) {
        boolean present = stored.containsKey(field);
        Object current = stored.get(field);
        switch (operator) {
          case "$unset":
            if (present) {
              after.remove(field);
              changed = true;
            }
            break;
          case "$inc":
            Number by = (Number) fields.get(field);
            Object sum = !present ? by : NumericUtils.addNumbers((Number) current, by);
            after.put(field, sum);
            changed |= !present || !Objects.equals(current, sum);
            break;
          case "$push":
            // A new list sharing the old one's elements: readers of the old one are unaffected.
            List<Object> list = new ArrayList<>(present ? (List<?>) current : List.of());
            list.add(fields.get(field));
            after.put(field, list);
            changed = true;
            break;
          default: // $set
            Object value = fields.get(field);
            after.put(field, value);
            changed |= !present || !Objects.equals(current, value);
        }
      }
    }
    return changed ? after : null;
  }

  /** Makes the stored document equal `after` in the fields the update names; the rest stay. */
  static void applyTo(Document stored, Document update, Document after) {
    for (String operator : update.keySet()) {
      for (String field : ((Document) update.get(operator)).keySet()) {
        if (after.containsKey(field)) stored.put(field, after.get(field));
        else stored.remove(field);
      }
    }
  }
}
