package io.lambdascaling.api.v1alpha1;

/** The PBKDF2 variants the hashing function accepts (their JCA names). */
public enum HashAlgorithm {
  PBKDF2WithHmacSHA1,
  PBKDF2WithHmacSHA224,
  PBKDF2WithHmacSHA256,
  PBKDF2WithHmacSHA384,
  PBKDF2WithHmacSHA512
}
