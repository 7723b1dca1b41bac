package io.lambdascaling.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Pbkdf2Test {

  private final Pbkdf2 sha256 = new Pbkdf2("PBKDF2WithHmacSHA256");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void matches_rfc7914_section11_vector_with_one_iteration() {
    byte[] key = sha256.derive("passwd".toCharArray(), ascii("salt"), 1, 64);

    assertThat(hex(key))
        .isEqualTo(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  }

  @Test
  void matches_rfc7914_section11_vector_with_80000_iterations() {
    byte[] key = sha256.derive("Password".toCharArray(), ascii("NaCl"), 80_000, 64);

    assertThat(hex(key))
        .isEqualTo(
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
  }

  @Test
  void hash_has_the_digest_length_like_pythons_pbkdf2_hmac() {
    // Same call as the reference experiment's function:
    // hashlib.pbkdf2_hmac('sha256', pw, b'salty-salt', 100000), computed with CPython 3.11.
    byte[] key = sha256.hash("Kq3vZ8mW1xYtB7nR0pLs5DfH".toCharArray(), Pbkdf2.SALT, 100_000);

    assertThat(hex(key))
        .isEqualTo("49de7c033a53b4e61b779cf2d113a6397d98676f36e85f73d290a3d2fb8501a9");
  }

  @Test
  void key_length_follows_the_hmac_digest() {
    char[] pw = "pw".toCharArray();
    assertThat(new Pbkdf2("PBKDF2WithHmacSHA1").hash(pw, Pbkdf2.SALT, 2)).hasSize(20);
    assertThat(new Pbkdf2("PBKDF2WithHmacSHA224").hash(pw, Pbkdf2.SALT, 2)).hasSize(28);
    assertThat(new Pbkdf2("PBKDF2WithHmacSHA384").hash(pw, Pbkdf2.SALT, 2)).hasSize(48);
    assertThat(new Pbkdf2("PBKDF2WithHmacSHA512").hash(pw, Pbkdf2.SALT, 2)).hasSize(64);
  }
}
