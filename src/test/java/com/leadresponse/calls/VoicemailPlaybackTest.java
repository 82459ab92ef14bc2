package com.leadresponse.calls;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioStandIn.RecordingRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff play a voicemail through the service (SPEC 8): it is fetched from the Twilio
 * stand-in with the account's credentials and streamed on, a part at a time where the
 * player asks, only to signed-in staff; the recording is never linked to Twilio.
 */
class VoicemailPlaybackTest extends IntegrationTest {

	private static final String CALLER = "+15125550134";

	private static final String CALL_SID = "CA" + "4d".repeat(16);

	private static final String RECORDING_SID = "RE" + "5e".repeat(16);

	/** Some bytes standing for an MP3 (an ID3 header, then noise). */
	private static final byte[] AUDIO = audio(64 * 1024);

	private static final String ACCOUNT_CREDENTIALS = "Basic " + Base64.getEncoder()
		.encodeToString((TwilioStandIn.ACCOUNT_SID + ":" + TwilioStandIn.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));

	private UUID callId;

	@BeforeEach
	void voicemail() {
		postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall(CALL_SID, CALLER));
		postSignedWebhook(VoiceWebhookTest.RECORDING, recordingStatus(CALL_SID, RECORDING_SID, 42));
		this.callId = this.jdbc.sql("SELECT id FROM calls").query(UUID.class).single();
		twilio.storeRecording(RECORDING_SID, AUDIO);
	}

	@Test
	void voicemailIsPlayedThroughTheServiceWithTheAccountsCredentials() {
		HttpResponse<byte[]> answer = play(null, staffAuth());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
		assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("inline").contains("voicemail-" + this.callId + ".mp3"));
		assertThat(answer.body()).isEqualTo(AUDIO);
		assertThat(twilio.recordingRequests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo(
					"/2010-04-01/Accounts/" + TwilioStandIn.ACCOUNT_SID + "/Recordings/" + RECORDING_SID + ".mp3");
			assertThat(request.authorization()).isEqualTo(ACCOUNT_CREDENTIALS);
		});
		assertThat(twilio.violations()).isEmpty();
	}

	@Test
	void rangeIsPassedOnSoAPhoneCanSeek() {
		HttpResponse<byte[]> answer = play("bytes=1000-1999", staffAuth());

		assertThat(answer.statusCode()).isEqualTo(206);
		assertThat(answer.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + AUDIO.length);
		assertThat(answer.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(answer.body()).isEqualTo(Arrays.copyOfRange(AUDIO, 1000, 2000));
		assertThat(twilio.recordingRequests()).extracting(RecordingRequest::range).containsExactly("bytes=1000-1999");
	}

	@Test
	void recordingRedirectedToStorageIsFetchedWithoutTheAccountsCredentials() {
		twilio.redirectRecordingsToStorage();

		HttpResponse<byte[]> answer = play(null, staffAuth());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo(AUDIO);
		assertThat(twilio.recordingRequests()).hasSize(2);
		assertThat(twilio.recordingRequests().get(0).authorization()).isEqualTo(ACCOUNT_CREDENTIALS);
		assertThat(twilio.recordingRequests().get(1).path()).startsWith("/storage/");
		assertThat(twilio.recordingRequests().get(1).host()).startsWith("localhost:");
		assertThat(twilio.recordingRequests().get(1).authorization()).isNull();
	}

	@Test
	void onlySignedInStaffHearVoicemails() {
		HttpResponse<byte[]> answer = play(null, null);

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(twilio.recordingRequests()).isEmpty();
	}

	@Test
	void voicemailIsNeverLinkedToTwilio() {
		UUID leadId = this.jdbc.sql("SELECT lead_id FROM calls").query(UUID.class).single();

		Http.Answer lead = this.http.get("/api/leads/" + leadId, "Authorization", staffAuth());

		assertThat(lead.json().get("calls").get(0).get("voicemail").get("url").asString())
			.isEqualTo("/api/calls/" + this.callId + "/recording");
		assertThat(lead.body()).doesNotContain("api.twilio.com").doesNotContain(RECORDING_SID);
	}

	@Test
	void callWithoutVoicemailAnswers404() {
		this.jdbc.sql("UPDATE calls SET recording_sid = NULL, recording_url = NULL").update();

		HttpResponse<byte[]> answer = play(null, staffAuth());

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("This call has no voicemail");
		assertThat(twilio.recordingRequests()).isEmpty();
	}

	@Test
	void voicemailTwilioNoLongerHasAnswers404() {
		twilio.reset();

		HttpResponse<byte[]> answer = play(null, staffAuth());

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("Twilio has no recording");
	}

	@Test
	void unknownCallAnswers404() {
		HttpResponse<byte[]> answer = this.http
			.sendBytes(this.http.request("/api/calls/" + UUID.randomUUID() + "/recording")
				.header("Authorization", staffAuth())
				.GET());

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(twilio.recordingRequests()).isEmpty();
	}

	private HttpResponse<byte[]> play(String range, String authorization) {
		var request = this.http.request("/api/calls/" + this.callId + "/recording").GET();
		if (range != null) {
			request.header("Range", range);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.sendBytes(request);
	}

	private static byte[] audio(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		bytes[0] = 'I';
		bytes[1] = 'D';
		bytes[2] = '3';
		return bytes;
	}

}
