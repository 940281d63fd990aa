import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * An index key with a hash that spreads ObjectIds. mongo-java-server hashes an ObjectId as
 * `Arrays.hashCode` of its 12 bytes, a base-31 sum in which the ids one process makes in one
 * second (the same timestamp and random part, a counter) land about eight to a hash: every
 * lookup by `_id` or by an id-valued key then walks a chain of equals calls. This key mixes
 * the bytes instead; equality stays the key value's own.
 */
final class SpreadKey {
  final KeyValue value;
  private final int hash;

  SpreadKey(KeyValue value) {
    this.value = value;
    int h = 0x2545F491;
    for (Object part : value) h = (h ^ hashOf(part)) * 0x9E3779B1;
    this.hash = mix(h);
  }

  private static int hashOf(Object part) {
    if (!(part instanceof ObjectId)) return part == null ? 0 : part.hashCode();
    byte[] b = ((ObjectId) part).toByteArray();
    int h = 0;
    for (int i = 0; i < b.length; i += 4) {
      int word = 0;
      for (int j = i; j < Math.min(i + 4, b.length); j++) word = (word << 8) | (b[j] & 0xff);
      h = (h ^ word) * 0x85EBCA6B;
      h ^= h >>> 13;
    }
    return h;
  }

  /** Murmur3's finalizer: every input bit reaches every output bit. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SpreadKey
        && ((SpreadKey) other).hash == hash
        && ((SpreadKey) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
