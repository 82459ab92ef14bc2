package com.leadresponse.lead;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Keeps the intake API's JSON body as received, for its submission (SPEC 9: every
 * submission is stored with its payload), while Jackson still reads and validates it as
 * it always did. The body is at most 64 KiB ({@code RequestBodyGuard}).
 */
@ControllerAdvice(assignableTypes = LeadApiController.class)
class IntakeBodyCapture extends RequestBodyAdviceAdapter {

	static final String ATTRIBUTE = IntakeBodyCapture.class.getName() + ".body";

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return parameter.getParameterType() == IntakeRequest.class;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		byte[] body = input.getBody().readAllBytes();
		RequestContextHolder.currentRequestAttributes()
			.setAttribute(ATTRIBUTE, new String(body, StandardCharsets.UTF_8), RequestAttributes.SCOPE_REQUEST);
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return input.getHeaders();
			}

		};
	}

}
