package com.leadresponse.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A TwiML answer as Twilio reads it: the verbs of its {@code <Response>} in order, each
 * with its attributes, text and nested nouns.
 */
public final class Twiml {

	private final Element response;

	private Twiml(Element response) {
		this.response = response;
	}

	/** Parses a TwiML document; fails on anything that is not a {@code <Response>}. */
	public static Twiml parse(String xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Element root = factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
				.getDocumentElement();
			if (!"Response".equals(root.getTagName())) {
				throw new IllegalArgumentException("Not TwiML: " + xml);
			}
			return new Twiml(root);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("Not TwiML: " + xml, ex);
		}
	}

	/** The names of the verbs, in order: {@code [Say, Record, Hangup]}. */
	public List<String> verbs() {
		return children(this.response).stream().map(Element::getTagName).toList();
	}

	/** The first verb of that name. */
	public Element verb(String name) {
		return children(this.response).stream()
			.filter((e) -> e.getTagName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No <" + name + "> in the TwiML: " + verbs()));
	}

	/** The text of each noun of that name inside the verb, in order. */
	public static List<String> nouns(Element verb, String name) {
		return children(verb).stream().filter((e) -> e.getTagName().equals(name)).map(Element::getTextContent).toList();
	}

	private static List<Element> children(Element parent) {
		List<Element> elements = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element) {
				elements.add(element);
			}
		}
		return elements;
	}

}
