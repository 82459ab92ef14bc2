package com.leadresponse.push;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;

import com.leadresponse.system.Timestamps;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The service's VAPID key pair (RFC 8292): a P-256 pair made at the first start and kept
 * in the database, so every instance signs with the same key and subscriptions survive
 * restarts. Keys are base64url, the public key as the uncompressed point browsers take as
 * {@code applicationServerKey}, the private key as its 32-byte scalar.
 */
@Component
class PushKeys implements ApplicationRunner {

	/** The pair as stored. */
	record Pair(String publicKey, String privateKey) {

		@Override
		public String toString() {
			return "PushKeys.Pair[" + this.publicKey + "]";
		}

	}

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Pair pair;

	PushKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		current();
	}

	/** The pair in force, made now when none exists yet. */
	Pair current() {
		Pair known = this.pair;
		if (known == null) {
			Pair made = generate();
			// Made once: instances starting together keep the first pair stored.
			this.jdbc.sql("""
					INSERT INTO push_keys (id, public_key, private_key, created_at) VALUES (1, :public, :private, :now)
					ON CONFLICT (id) DO NOTHING
					""")
				.param("public", made.publicKey())
				.param("private", made.privateKey())
				.param("now", Timestamps.of(this.clock.instant()))
				.update();
			known = this.jdbc.sql("SELECT public_key, private_key FROM push_keys WHERE id = 1")
				.query((rs, row) -> new Pair(rs.getString("public_key"), rs.getString("private_key")))
				.single();
			this.pair = known;
		}
		return known;
	}

	private static Pair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keys = generator.generateKeyPair();
			ECPublicKey publicKey = (ECPublicKey) keys.getPublic();
			byte[] point = new byte[65];
			point[0] = 0x04;
			copy(publicKey.getW().getAffineX(), point, 1);
			copy(publicKey.getW().getAffineY(), point, 33);
			byte[] scalar = new byte[32];
			copy(((ECPrivateKey) keys.getPrivate()).getS(), scalar, 0);
			return new Pair(BASE64URL.encodeToString(point), BASE64URL.encodeToString(scalar));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No P-256 key generator in this JVM", ex);
		}
	}

	/**
	 * A coordinate as 32 big-endian bytes (BigInteger may add a sign byte or drop zeros).
	 */
	private static void copy(BigInteger value, byte[] into, int offset) {
		byte[] bytes = value.toByteArray();
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
	}

}
