package com.leadresponse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * A local push service (what FCM or Mozilla's autopush is to a browser) that checks each
 * notification as a real one does, written from the RFCs independently of the product's
 * library: the VAPID {@code Authorization: vapid t=JWT, k=key} (RFC 8292), with the JWT's
 * ES256 signature verified against {@code k} and its {@code aud}, {@code exp} and
 * {@code sub}; a {@code TTL} header; {@code Content-Encoding: aes128gcm}. It keeps what
 * it accepted and can decrypt it (RFC 8291, RFC 8188) with the keys of a browser
 * subscription it made, to show what staff get. It answers 201, or a scripted status.
 */
public final class PushServiceStandIn implements AutoCloseable {

	private static final Pattern VAPID = Pattern.compile("vapid t=([^,\\s]+),\\s*k=([A-Za-z0-9_-]+)");

	private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

	private static final Base64.Encoder B64URL_OUT = Base64.getUrlEncoder().withoutPadding();

	/** A notification as the push service accepted it. */
	public record Received(String path, String vapidKey, long ttl, byte[] body, Map<String, Object> claims) {
	}

	/**
	 * A browser's subscription: its key pair and auth secret, as a browser makes them.
	 */
	public record BrowserKeys(KeyPair pair, byte[] auth) {

		public String p256dh() {
			return B64URL_OUT.encodeToString(uncompressed((ECPublicKey) this.pair.getPublic()));
		}

		public String authSecret() {
			return B64URL_OUT.encodeToString(this.auth);
		}

	}

	private final HttpServer server;

	private final List<Received> accepted = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private volatile int answerStatus = 201;

	private PushServiceStandIn(HttpServer server) {
		this.server = server;
	}

	public static PushServiceStandIn start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			PushServiceStandIn standIn = new PushServiceStandIn(server);
			server.createContext("/push/", standIn::handle);
			server.start();
			return standIn;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String endpoint(String name) {
		return "http://localhost:" + this.server.getAddress().getPort() + "/push/" + name;
	}

	public List<Received> accepted() {
		return List.copyOf(this.accepted);
	}

	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	/** Answers every later notification with this status (410 Gone, 429, 500...). */
	public void answerWith(int status) {
		this.answerStatus = status;
	}

	public void reset() {
		this.accepted.clear();
		this.violations.clear();
		this.answerStatus = 201;
	}

	public static BrowserKeys browserKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			byte[] auth = new byte[16];
			new SecureRandom().nextBytes(auth);
			return new BrowserKeys(generator.generateKeyPair(), auth);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		List<String> problems = new ArrayList<>();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		Matcher vapid = (authorization != null) ? VAPID.matcher(authorization) : null;
		Map<String, Object> claims = null;
		String key = null;
		if (vapid == null || !vapid.find()) {
			problems.add("no VAPID Authorization: " + authorization);
		}
		else {
			key = vapid.group(2);
			claims = verifyJwt(vapid.group(1), key, problems);
		}
		String ttl = exchange.getRequestHeaders().getFirst("TTL");
		if (ttl == null || !ttl.matches("[0-9]+")) {
			problems.add("no TTL header");
		}
		if (!"aes128gcm".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			problems.add("Content-Encoding is not aes128gcm");
		}
		if (!problems.isEmpty()) {
			this.violations.addAll(problems);
			exchange.sendResponseHeaders(401, -1);
			exchange.close();
			return;
		}
		int status = this.answerStatus;
		if (status == 201) {
			this.accepted.add(new Received(exchange.getRequestURI().getPath(), key, Long.parseLong(ttl), body, claims));
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> verifyJwt(String jwt, String key, List<String> problems) {
		String[] parts = jwt.split("\\.");
		if (parts.length != 3) {
			problems.add("VAPID token is not a JWS");
			return Map.of();
		}
		try {
			JsonNode header = Http.JSON.readTree(B64URL.decode(parts[0]));
			if (!"ES256".equals(header.path("alg").asString())) {
				problems.add("VAPID token is not ES256");
			}
			Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
			verifier.initVerify(publicKey(B64URL.decode(key)));
			verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			if (!verifier.verify(B64URL.decode(parts[2]))) {
				problems.add("VAPID signature does not verify with k");
			}
			Map<String, Object> claims = Http.JSON.readValue(B64URL.decode(parts[1]), Map.class);
			URI self = URI.create(endpoint(""));
			if (!(self.getScheme() + "://" + self.getAuthority()).equals(claims.get("aud"))) {
				problems.add("aud is not the push service's origin: " + claims.get("aud"));
			}
			long exp = ((Number) claims.getOrDefault("exp", 0)).longValue();
			long now = System.currentTimeMillis() / 1000;
			if (exp <= now || exp > now + 24 * 3600) {
				problems.add("exp is not within the next 24 hours: " + exp);
			}
			Object sub = claims.get("sub");
			if (!(sub instanceof String s) || !(s.startsWith("mailto:") || s.startsWith("https://"))) {
				problems.add("sub is not a mailto: or https: contact: " + sub);
			}
			return claims;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			problems.add("VAPID token unreadable: " + ex);
			return Map.of();
		}
	}

	/**
	 * Decrypts an aes128gcm body for the browser that holds {@code keys} (RFC 8291): the
	 * header's salt and the sender's key, ECDH, the auth secret, HKDF, AES-128-GCM, and
	 * the padding delimiter.
	 */
	public static String decrypt(byte[] body, BrowserKeys keys) {
		try {
			ByteBuffer in = ByteBuffer.wrap(body);
			byte[] salt = new byte[16];
			in.get(salt);
			in.getInt();
			byte[] senderKey = new byte[in.get() & 0xff];
			in.get(senderKey);
			byte[] cipherText = new byte[in.remaining()];
			in.get(cipherText);
			KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
			ecdh.init(keys.pair().getPrivate());
			ecdh.doPhase(publicKey(senderKey), true);
			byte[] shared = ecdh.generateSecret();
			byte[] receiverKey = uncompressed((ECPublicKey) keys.pair().getPublic());
			byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), receiverKey, senderKey);
			byte[] ikm = expand(hmac(keys.auth(), shared), keyInfo, 32);
			byte[] prk = hmac(salt, ikm);
			byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
			byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
			Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
			aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
			byte[] plain = aes.doFinal(cipherText);
			int end = plain.length - 1;
			while (end >= 0 && plain[end] == 0) {
				end--;
			}
			if (end < 0 || plain[end] != 2) {
				throw new IllegalStateException("No last-record padding delimiter");
			}
			return new String(Arrays.copyOf(plain, end), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot decrypt the push payload", ex);
		}
	}

	private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(data);
	}

	/** HKDF-Expand for a single block (every length here is at most 32). */
	private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
		return Arrays.copyOf(hmac(prk, concat(info, new byte[] { 1 })), length);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		ByteBuffer out = ByteBuffer.allocate(length);
		for (byte[] part : parts) {
			out.put(part);
		}
		return out.array();
	}

	static byte[] uncompressed(ECPublicKey key) {
		byte[] point = new byte[65];
		point[0] = 4;
		copy(key.getW().getAffineX(), point, 1);
		copy(key.getW().getAffineY(), point, 33);
		return point;
	}

	private static void copy(BigInteger value, byte[] into, int offset) {
		byte[] bytes = value.toByteArray();
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
	}

	private static PublicKey publicKey(byte[] point) throws GeneralSecurityException {
		AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
		ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
				new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
		return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
