package com.leadresponse.system;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

/**
 * The JSON API speaks JSON, exactly (SPEC 3): a value of the wrong JSON type is refused
 * rather than turned into text ({@code "name": true} is not a lead called "true"), and no
 * other format is offered, so a client asking for XML or YAML gets 406 instead of an
 * answer written by a converter the product never chose (twilio-java brings Jackson's XML
 * module, swagger its YAML one).
 */
@Configuration(proxyBeanMethods = false)
class JsonApiConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJsonTypes() {
		return (builder) -> builder
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					(bool) -> bool.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					(number) -> number.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	@Bean
	ServerHttpMessageConvertersCustomizer jsonOnly() {
		return (converters) -> converters.configureMessageConvertersList((list) -> list.removeIf(
				(converter) -> converter.getSupportedMediaTypes().stream().anyMatch(JsonApiConfiguration::other)));
	}

	/** A structured format other than JSON: XML, YAML, Smile, CBOR. */
	private static boolean other(MediaType type) {
		String subtype = type.getSubtype();
		return subtype.contains("xml") || subtype.contains("yaml") || subtype.contains("smile")
				|| subtype.contains("cbor");
	}

}
