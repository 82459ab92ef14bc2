package com.leadresponse.sequence;

import java.util.ArrayList;
import java.util.List;

import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.SmsSegments;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sequence editor of the settings (SPEC 6, admins only): add, remove and edit steps,
 * each with a preview for a sample lead, live while typing.
 */
@Controller
@RequestMapping("/settings/sequence")
class SequenceEditorController {

	/** A step's text for the sample lead, and what it costs to send. */
	record Preview(String text, SmsSegments.Count segments) {
	}

	private final SequenceEditor editor;

	private final BusinessSettings business;

	SequenceEditorController(SequenceEditor editor, BusinessSettings business) {
		this.editor = editor;
		this.business = business;
	}

	@GetMapping
	String show(Model model) {
		return render(SequenceForm.of(this.editor.steps()), model);
	}

	/**
	 * One form, several buttons: add or remove a row, or save the whole sequence; only
	 * "save" stores anything.
	 */
	@PostMapping
	String submit(@ModelAttribute("form") SequenceForm form, BindingResult binding, @RequestParam String action,
			Model model, RedirectAttributes redirect) {
		if (action.equals("add")) {
			form.getSteps().add(new SequenceForm.Row());
			return render(form, model);
		}
		if (action.matches("remove:[0-9]{1,3}")) {
			int index = Integer.parseInt(action.substring("remove:".length()));
			if (index < form.getSteps().size() && form.getSteps().size() > 1) {
				form.getSteps().remove(index);
			}
			return render(form, model);
		}
		validate(form, binding);
		if (binding.hasErrors()) {
			model.addAttribute("alert", "The sequence was not saved: fix the steps marked below.");
			return render(form, model);
		}
		List<SequenceStep> steps = new ArrayList<>();
		for (SequenceForm.Row row : form.getSteps()) {
			steps.add(new SequenceStep(0, row.duration(), row.getTemplate()));
		}
		this.editor.save(steps);
		redirect.addFlashAttribute("notice", "Sequence saved. New follow-ups use it from now on.");
		return "redirect:/settings/sequence";
	}

	/** Previews of every step as typed, swapped in place by htmx while staff type. */
	@PostMapping("/preview")
	String preview(@ModelAttribute("form") SequenceForm form, Model model) {
		model.addAttribute("previews", previews(form));
		return "settings/sequence :: previews";
	}

	private String render(SequenceForm form, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("previews", previews(form));
		model.addAttribute("sampleName", SequenceEditor.SAMPLE_NAME);
		model.addAttribute("mergeFields", MessageTemplates.LEAD_FIELDS);
		return "settings/sequence";
	}

	private List<Preview> previews(SequenceForm form) {
		String businessName = this.business.profile().name();
		return form.getSteps().stream().map((row) -> {
			String text = SequenceEditor.preview(row.getTemplate(), businessName);
			return new Preview(text, SmsSegments.count(text));
		}).toList();
	}

	private static void validate(SequenceForm form, BindingResult binding) {
		List<SequenceForm.Row> rows = form.getSteps();
		if (rows.isEmpty()) {
			binding.reject("empty", "A sequence needs at least its first step.");
		}
		for (int i = 0; i < rows.size(); i++) {
			SequenceForm.Row row = rows.get(i);
			String template = row.getTemplate();
			if (template == null || template.isBlank()) {
				binding.rejectValue("steps[" + i + "].template", "blank", "Write the text of this step.");
			}
			else if (template.strip().length() > SequenceEditor.MAX_TEMPLATE) {
				binding.rejectValue("steps[" + i + "].template", "long",
						"A text can have at most 1,600 characters; this one has "
								+ String.format(java.util.Locale.US, "%,d", template.strip().length()) + ".");
			}
			else if (!MessageTemplates.unknownFields(template, MessageTemplates.LEAD_FIELDS).isEmpty()) {
				// A typo such as {firstname} would reach customers as typed.
				binding.rejectValue("steps[" + i + "].template", "field", MessageTemplates
					.unknownFieldsProblem(MessageTemplates.unknownFields(template, MessageTemplates.LEAD_FIELDS)));
			}
			if (i > 0 && (row.getDelay() == null || row.getDelay() < 0
					|| row.duration().compareTo(SequenceEditor.MAX_DELAY) > 0)) {
				binding.rejectValue("steps[" + i + "].delay", "range", "Wait between 0 minutes and 365 days.");
			}
		}
	}

}
