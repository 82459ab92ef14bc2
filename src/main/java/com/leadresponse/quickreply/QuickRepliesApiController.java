package com.leadresponse.quickreply;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quick replies API (SPEC 11): every staff member lists them; admins add
 * ({@code {"shortcut": "price", "body": "Hi {firstName}, ..."}}, 201) and delete them.
 */
@RestController
@RequestMapping("/api/quick-replies")
class QuickRepliesApiController {

	record NewQuickReply(String shortcut, String body) {
	}

	private final QuickReplies replies;

	QuickRepliesApiController(QuickReplies replies) {
		this.replies = replies;
	}

	@GetMapping
	List<QuickReply> list() {
		return this.replies.all();
	}

	@PostMapping
	ResponseEntity<QuickReply> create(@RequestBody NewQuickReply body) {
		QuickReply reply = this.replies.create(body.shortcut(), body.body());
		return ResponseEntity.created(URI.create("/api/quick-replies/" + reply.id())).body(reply);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.replies.delete(id);
		return ResponseEntity.noContent().build();
	}

}
