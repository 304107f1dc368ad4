#!/usr/bin/env python3
"""Checks annotate's W3C Web Annotation export (JSONL) against the model's MUSTs.

usage: w3c_annotation_check.py FILE.jsonl [DOCS_FOLDER]
       w3c_annotation_check.py --self-test

Every line must be one annotation. Prints "ok N" (N annotations checked), or
prints each failure on stderr as
    LINE: what MUST failed (the WPT schema / spec rule it comes from); at PATH: detail
and exits 1.

The rules are JSON Schema (Draft 7) written here from what the
web-platform-tests `annotation-model` suite requires (its assertion files
under annotation-model/annotations/, and the shared definitions in
annotation-model/definitions/: annotations.json, id.json, bodyTarget.json,
otherProperties.json, specificResource.json, choiceSet.json) and from the
W3C Web Annotation Data Model Recommendation (https://www.w3.org/TR/annotation-model/).
No schema file is copied from WPT: WPT's are draft-04 and spread over many
files; these are restated for the shapes annotate writes (TextualBody bodies,
SpecificResource targets with a source and TextQuoteSelector /
TextPositionSelector selectors, and "linking" annotations with a list of
targets), keeping the other branches WPT accepts so that a valid annotation
of another shape is not rejected.

Formats are checked by functions in this file, not by the optional packages
jsonschema would otherwise need (rfc3987, rfc3339-validator), so a missing
package cannot make a format check silently pass.

With DOCS_FOLDER, each target's TextPositionSelector is also checked against
its TextQuoteSelector on the document text: read as UTF-8 with newline='' and
a leading BOM stripped, sliced by code points (REC 4.2.5: positions count
Unicode code points). The document is found from the target's `source`: a
`file:` URI whose path ends with the document id, or any IRI whose last path
segments, percent-decoded, name a file under DOCS_FOLDER.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

from jsonschema import Draft7Validator, FormatChecker, validators

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

# annotations.json#/definitions/motivationList (REC 3.3.5): the values
# allowed for an Annotation's motivation and a body's / target's purpose.
MOTIVATIONS = ["assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
               "highlighting", "identifying", "linking", "moderating", "questioning", "replying",
               "tagging"]

# ---------------------------------------------------------------------------
# Formats.  WPT uses draft-04 `"format": "uri"` (id.json#/definitions/stringUri)
# and `"format": "date-time"` (otherProperties.json#/definitions/createdValidIfPresent).


def iri_problem(s):
    """Why s is not an absolute IRI (RFC 3987: scheme ":" ihier-part ...), or None."""
    if not isinstance(s, str):
        return "not a string"
    if not s:
        return "empty string"
    colon = s.find(":")
    if colon <= 0 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", s[:colon]):
        return "no scheme; an IRI is absolute (scheme \":\" ...), a file name or relative path is not"
    if colon == 1:
        # RFC 3986 would allow it, but no one-letter scheme is registered and
        # "C:/docs/a.txt" is a Windows path, not an identifier.
        return "one-letter scheme: a Windows drive path, not an IRI"
    rest = s[colon + 1:]
    if not rest:
        return "nothing after the scheme"
    for ch in s:
        o = ord(ch)
        if o <= 0x20 or o == 0x7F or ch in '<>"{}|\\^`':
            return "character %r is not allowed in an IRI (percent-encode it)" % ch
        if 0x80 <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
            return "character U+%04X is not allowed in an IRI" % o
    if re.search(r"%(?![0-9A-Fa-f]{2})", s):
        return "'%' not followed by two hex digits"
    if s.count("#") > 1:
        return "more than one '#'"
    authority = ""
    if rest.startswith("//"):
        authority = re.match(r"//[^/?#]*", rest).group(0)[2:]
        if ("[" in authority or "]" in authority) and not re.fullmatch(
                r"(?:[^@\[\]]*@)?\[[0-9A-Fa-fvV:.]+\](?::[0-9]*)?", authority):
            return "malformed IP literal in the authority"
    if "[" in rest.replace(authority, "", 1) or "]" in rest.replace(authority, "", 1):
        return "'[' or ']' outside the host"
    return None


_DATE_TIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))")


def date_time_problem(s):
    """Why s is not both an RFC 3339 date-time (WPT's "format": "date-time") and
    an xsd:dateTime (REC 3.3.1), or None.  A timezone is required."""
    if not isinstance(s, str):
        return "not a string"
    m = _DATE_TIME.fullmatch(s)
    if not m:
        if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?", s):
            return "no timezone (add Z)"
        return "not of the form YYYY-MM-DDThh:mm:ss[.fff]Z"
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    if year == 0:
        return "year 0000"
    if not 1 <= month <= 12:
        return "month %02d" % month
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    if not 1 <= day <= days:
        return "day %02d does not exist in %04d-%02d" % (day, year, month)
    if hour > 23 or minute > 59 or second > 59:
        return "time %02d:%02d:%02d out of range" % (hour, minute, second)
    if m.group(9) is not None and (int(m.group(9)) > 14 or int(m.group(10)) > 59
                                   or (int(m.group(9)) == 14 and int(m.group(10)) != 0)):
        return "timezone offset out of range"
    return None


FORMATS = FormatChecker(())
FORMATS.checks("iri")(lambda v: not isinstance(v, str) or iri_problem(v) is None)
FORMATS.checks("date-time")(lambda v: not isinstance(v, str) or date_time_problem(v) is None)
FORMAT_NAMES = {"iri": ("an IRI", iri_problem), "date-time": ("an xsd:dateTime", date_time_problem)}

# Draft 7 counts 5.0 as an integer; offsets are sliced with, and written by
# annotate as, JSON integers, so a float is rejected here.
_TYPES = Draft7Validator.TYPE_CHECKER.redefine(
    "integer", lambda checker, v: isinstance(v, int) and not isinstance(v, bool))
Validator = validators.extend(Draft7Validator, type_checker=_TYPES)

# ---------------------------------------------------------------------------
# Schema building blocks.  In Draft 7 a "$ref" hides its sibling keywords, so
# a $ref that needs company is always wrapped in allOf.


def ref(name):
    return {"$ref": "#/definitions/" + name}


def one_or_many(schema, max_items=None):
    """A value, or a non-empty array of such values.

    WPT spells this {"oneOf": [schema, {"type": "array", "minItems": 1,
    "items": schema}]}; as none of the schemas used here accepts an array,
    if/then/else is the same test and reports the failing item's own path."""
    array = {"minItems": 1, "items": schema}
    if max_items:
        array["maxItems"] = max_items
    return {"if": {"type": "array"}, "then": array, "else": schema}


def typed(name):
    """specificResource.json#/definitions/*TypeDetected: "type" is exactly this string."""
    return {"type": "object", "required": ["type"], "properties": {"type": {"const": name}}}


def includes(value):
    """A type that is the value, or an array containing it."""
    return {"anyOf": [{"const": value}, {"type": "array", "contains": {"const": value}}]}


def each(key, schema):
    """Apply schema to the key's value, or to each item when the value is an array."""
    return {"properties": {key: {"if": {"type": "array"}, "then": {"items": schema}, "else": schema}}}


def objects(schema):
    return {"if": {"type": "object"}, "then": schema}


def each_target(schema):
    return each("target", objects(schema))


def each_body(schema):
    return each("body", objects(schema))


def each_resource(schema):
    """Every target and every body object (WPT checks the same rule as targ* and body* files)."""
    return {"allOf": [each_target(schema), each_body(schema)]}


def annotation_and_resources(schema):
    """The annotation itself, and every target and body object."""
    return {"allOf": [schema, each_resource(schema)]}


def specific_resources(schema):
    """Every target / body that has a source (a Specific Resource, REC 4)."""
    return each_resource({"if": {"required": ["source"]}, "then": schema})


def each_selector(schema):
    return specific_resources(each("selector", objects(schema)))


def each_state(schema):
    return specific_resources(each("state", objects(schema)))


SELECTOR_TYPES = ["FragmentSelector", "CssSelector", "XPathSelector", "TextQuoteSelector",
                  "TextPositionSelector", "DataPositionSelector", "SvgSelector", "RangeSelector"]

DEFINITIONS = {
    # id.json#/definitions/stringUri ("format": "uri"; IRIs in the REC).
    "iri": {"type": "string", "format": "iri"},
    # id.json#/definitions/arraySingleStringUri
    "singleIri": one_or_many(ref("iri"), max_items=1),
    # otherProperties.json#/definitions/rightsValidIfPresent, viaValidIfPresent
    "iris": one_or_many(ref("iri")),
    # otherProperties.json#/definitions/createdValidIfPresent (and modified, generated)
    "dateTime": one_or_many({"type": "string", "format": "date-time"}, max_items=1),
    # annotations.json#/definitions/motivationList
    "motivation": {"type": "string", "enum": MOTIVATIONS},
    # annotations.json#/definitions/motivationRecognizedIfPresent,
    # otherProperties.json#/definitions/purposeRecognizedIfPresent
    "motivations": one_or_many(ref("motivation")),
    # id.json#/definitions/idValueFound
    "idValueFound": {"type": "object", "required": ["id"], "properties": {"id": ref("singleIri")}},
    # bodyTarget.json#/definitions/externalWebResourceDetected: an id, and
    # none of value (Textual Body), source (Specific Resource), target.
    "externalWebResource": {
        "allOf": [ref("idValueFound")],
        "not": {"anyOf": [{"required": ["value"]}, {"required": ["source"]}, {"required": ["target"]}]},
    },
    # bodyTarget.json#/definitions/textualBodyFound
    "textualBody": {"type": "object", "required": ["value"], "properties": {"value": {"type": "string"}}},
    # specificResource.json#/definitions/sourceDetected: exactly 1 source,
    # an IRI or an External Web Resource.
    "source": {"oneOf": [ref("iri"), ref("externalWebResource")]},
    # specificResource.json#/definitions/{fragment,css,xpath}SelectorDetected
    "fragmentSelector": {"allOf": [typed("FragmentSelector"), {
        "required": ["value"],
        "properties": {"value": {"type": "string"}, "conformsTo": ref("iri")}}]},
    "cssSelector": {"allOf": [typed("CssSelector"), {
        "required": ["value"], "properties": {"value": {"type": "string"}}}]},
    "xpathSelector": {"allOf": [typed("XPathSelector"), {
        "required": ["value"], "properties": {"value": {"type": "string"}}}]},
    # specificResource.json#/definitions/textQuoteSelectorDetected
    "textQuoteSelector": {"allOf": [typed("TextQuoteSelector"), {
        "required": ["exact"],
        "properties": {"exact": {"type": "string"}, "prefix": {"type": "string"},
                       "suffix": {"type": "string"}}}]},
    # specificResource.json#/definitions/textPositionSelectorDetected
    "textPositionSelector": {"allOf": [typed("TextPositionSelector"), {
        "required": ["start", "end"],
        "properties": {"start": {"type": "integer", "minimum": 0},
                       "end": {"type": "integer", "minimum": 0}}}]},
    # specificResource.json#/definitions/dataPositionSelectorDetected
    "dataPositionSelector": {"allOf": [typed("DataPositionSelector"), {
        "required": ["start", "end"],
        "properties": {"start": {"type": "integer", "minimum": 0},
                       "end": {"type": "integer", "minimum": 0}}}]},
    # specificResource.json#/definitions/svgSelectorDetected: value or id, not both.
    "svgSelector": {"allOf": [typed("SvgSelector"), {
        "properties": {"value": {"type": "string"}, "id": ref("singleIri")},
        "oneOf": [{"required": ["value"]}, {"required": ["id"]}]}]},
    # specificResource.json#/definitions/rangeSelectorDetected
    "rangeSelector": {"allOf": [typed("RangeSelector"), {
        "required": ["startSelector", "endSelector"],
        "patternProperties": {"^(startSelector|endSelector)$": {"type": "object", "oneOf": [
            ref("fragmentSelector"), ref("cssSelector"), ref("xpathSelector"),
            ref("textQuoteSelector"), ref("textPositionSelector"), ref("dataPositionSelector"),
            ref("svgSelector")]}}}]},
    # specificResource.json#/definitions/selectorDefined: an IRI, or an object
    # with an id or recognized as one of the model's selectors; one or many.
    "selectorItem": {"oneOf": [ref("iri"), {"type": "object", "anyOf": [
        ref("idValueFound"), ref("fragmentSelector"), ref("cssSelector"), ref("xpathSelector"),
        ref("textQuoteSelector"), ref("textPositionSelector"), ref("dataPositionSelector"),
        ref("rangeSelector"), ref("svgSelector")]}]},
    "selectors": one_or_many(ref("selectorItem")),
    # specificResource.json#/definitions/timeStateDetected
    "timeState": {"allOf": [typed("TimeState"), {
        "properties": {
            "sourceDate": one_or_many({"type": "string", "format": "date-time"}),
            "sourceDateStart": {"type": "string", "format": "date-time"},
            "sourceDateEnd": {"type": "string", "format": "date-time"},
            "cached": ref("iri")},
        "oneOf": [{"required": ["sourceDate"]}, {"required": ["sourceDateStart", "sourceDateEnd"]}]}]},
    # specificResource.json#/definitions/requestHeaderStateDetected
    "httpRequestState": {"allOf": [typed("HttpRequestState"), {
        "required": ["value"], "properties": {"value": {"type": "string"}}}]},
    # specificResource.json#/definitions/stateDefined
    "stateItem": {"oneOf": [ref("iri"), {"type": "object", "anyOf": [
        ref("idValueFound"), ref("timeState"), ref("httpRequestState")]}]},
    "states": one_or_many(ref("stateItem")),
    # specificResource.json#/definitions/refinedByDefined
    "refinedByItem": {"oneOf": [ref("iri"), {"type": "object", "anyOf": [
        ref("idValueFound"), ref("fragmentSelector"), ref("cssSelector"), ref("xpathSelector"),
        ref("textQuoteSelector"), ref("textPositionSelector"), ref("dataPositionSelector"),
        ref("rangeSelector"), ref("svgSelector"), ref("timeState"), ref("httpRequestState")]}]},
    "refinedBy": one_or_many(ref("refinedByItem")),
    # specificResource.json#/definitions/specificeResourceDetected: a valid
    # source and at least one of purpose, selector, state, styleClass,
    # renderedVia, scope.
    "specificResource": {
        "type": "object",
        "required": ["source"],
        "properties": {"source": ref("source")},
        "anyOf": [
            {"required": ["purpose"], "properties": {"purpose": ref("motivations")}},
            {"required": ["selector"], "properties": {"selector": ref("selectors")}},
            {"required": ["state"], "properties": {"state": ref("states")}},
            {"required": ["styleClass"], "properties": {
                "styleClass": one_or_many({"type": "string"})}},
            {"required": ["renderedVia"]},
            {"required": ["scope"], "properties": {"scope": ref("iris")}},
        ],
    },
    # choiceSet.json#/definitions/choiceOrSetDetected (with itemsDetected)
    "choiceOrSet": {
        "type": "object",
        "required": ["type", "items"],
        "properties": {
            "type": {"enum": ["Choice", "Composite", "List", "Independents"]},
            "items": {"type": "array", "minItems": 1, "items": {"oneOf": [
                ref("specificResource"), ref("externalWebResource"), ref("textualBody"),
                ref("iri"), ref("choiceOrSet")]}},
        },
    },
    # bodyTarget.json#/definitions/targetResourcesFound
    "targetResource": {"oneOf": [ref("iri"), ref("choiceOrSet"), ref("specificResource"),
                                 ref("externalWebResource")]},
    # bodyTarget.json#/definitions/bodyResourcesFound
    "bodyResource": {"oneOf": [ref("iri"), ref("choiceOrSet"), ref("specificResource"),
                               ref("externalWebResource"), ref("textualBody")]},
}


class Rule:
    def __init__(self, key, what, source, schema):
        self.key, self.what, self.source = key, what, source
        full = {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": DEFINITIONS}
        full.update(schema)
        Validator.check_schema(full)
        self.validator = Validator(full, format_checker=FORMATS)


WPT = "WPT annotation-model/"
RULES = [
    # --- annotations/annotationMusts.test -----------------------------------
    Rule("context", "@context MUST be present and be, or include, \"%s\"" % ANNO_CONTEXT,
         WPT + "annotations/3.1-annotationContextValidated.json; "
               "definitions/annotations.json#contextValueFound, #contextValueInArrayFound",
         {"required": ["@context"], "properties": {"@context": {"anyOf": [
             {"const": ANNO_CONTEXT}, {"type": "array", "contains": {"const": ANNO_CONTEXT}}]}}}),
    Rule("context-single", "a single @context value MUST be given as a string, not a one-item array",
         "REC 3.1 @context: \"If there is only one value, then it MUST be provided as a string\"",
         {"properties": {"@context": {"not": {"type": "array", "maxItems": 1}}}}),
    # WPT (id.json#arraySingleStringUri) would also take a one-item array; the
    # REC says "exactly 1 IRI" and JSON-LD writes one value as a plain string.
    Rule("id", "id MUST be present and be a single IRI string",
         WPT + "annotations/3.1-annotationIdValidated.json; definitions/id.json#idValueFound, "
               "#stringUri; REC 3.1 \"exactly 1 IRI\"",
         {"required": ["id"], "properties": {"id": ref("iri")}}),
    Rule("type", "type MUST be present and be, or include, \"Annotation\"",
         WPT + "annotations/3.1-annotationTypeValidated.json; "
               "definitions/annotations.json#annotationTypeValueFound",
         {"required": ["type"], "properties": {"type": includes("Annotation")}}),
    Rule("target", "target MUST be present, with 1 or more targets",
         WPT + "annotations/3.1-targetKeyFound.json; REC 3.1 \"1 or more target relationships\"",
         {"required": ["target"], "properties": {"target": {"not": {"type": "array", "maxItems": 0}}}}),
    Rule("target-kind", "each target MUST be an IRI, an External Web Resource, a Specific Resource "
                        "(source + selector/state/purpose/...) or a Choice/Set",
         WPT + "annotations/3.2-targetObjectsRecognized.json; "
               "definitions/bodyTarget.json#targetResourcesFound",
         each("target", ref("targetResource"))),
    Rule("body-bodyValue", "an annotation MUST NOT have both body and bodyValue",
         WPT + "annotations/3.2.5-notBodyBodyValue.json",
         {"not": {"required": ["body", "bodyValue"]}}),
    Rule("body-kind", "each body MUST be an IRI, an External Web Resource, a Textual Body (string "
                      "value), a Specific Resource or a Choice/Set",
         WPT + "annotations/3.2-bodyObjectsRecognized.json; "
               "definitions/bodyTarget.json#bodyResourcesFound",
         each("body", ref("bodyResource"))),
    Rule("bodyValue", "bodyValue MUST be a single string",
         WPT + "annotations/3.2.5-bodyValueValidated.json; "
               "definitions/annotations.json#bodyValueValidIfPresent",
         {"properties": {"bodyValue": one_or_many({"type": "string"}, max_items=1)}}),
] + [
    Rule(prop, "%s MUST be a single xsd:dateTime with a timezone" % prop,
         WPT + "annotations/3.3.1-annotation%sValidated.json%s; "
               "definitions/otherProperties.json#%sValidIfPresent"
         % (prop.capitalize(), "" if prop == "generated" else
            ", bodiesTargets/3.3.1-{body,targ}%sValidated.json" % prop.capitalize(), prop),
         annotation_and_resources({"properties": {prop: ref("dateTime")}}))
    for prop in ("created", "modified", "generated")
] + [
    Rule("utc", "created / modified / generated MUST use the UTC timezone written as \"Z\"",
         "REC 3.3.1: \"MUST be a xsd:dateTime with the UTC timezone expressed as \"Z\"\"",
         annotation_and_resources({"properties": {prop: {
             "if": {"type": "string", "format": "date-time"}, "then": {"pattern": "Z$"},
             "else": {"items": {"if": {"type": "string", "format": "date-time"},
                                "then": {"pattern": "Z$"}}}}
             for prop in ("created", "modified", "generated")}})),
    Rule("rights", "rights MUST be one or more IRIs",
         WPT + "annotations/3.3.6-annotationRightsValidated.json, bodiesTargets/3.3.6-{body,targ}"
               "RightsValidated.json; definitions/otherProperties.json#rightsValidIfPresent",
         annotation_and_resources({"properties": {"rights": ref("iris")}})),
    Rule("canonical", "canonical MUST be a single IRI",
         WPT + "annotations/3.3.7-annotationCanonicalValidated.json, bodiesTargets/3.3.7-{body,targ}"
               "CanonicalValidated.json; definitions/otherProperties.json#canonicalValidIfPresent",
         annotation_and_resources({"properties": {"canonical": ref("singleIri")}})),
    Rule("via", "via MUST be one or more IRIs",
         WPT + "annotations/3.3.7-annotationViaValidated.json, bodiesTargets/3.3.7-{body,targ}"
               "ViaValidated.json; definitions/otherProperties.json#viaValidIfPresent",
         annotation_and_resources({"properties": {"via": ref("iris")}})),
    Rule("motivation", "motivation values MUST come from the W3C motivation list",
         WPT + "definitions/annotations.json#motivationRecognizedIfPresent, #motivationList; REC 3.3.5",
         {"properties": {"motivation": ref("motivations")}}),

    # --- bodiesTargets/bodyMusts.test and targetMusts.test --------------------
    Rule("resource-id", "a body's or target's id, if present, MUST be a single IRI",
         WPT + "definitions/id.json#idValueFound, #arraySingleStringUri (via bodyTarget.json"
               "#externalWebResourceDetected); REC 3.2.1, 3.2.4, 4 \"exactly 1 IRI\"",
         each_resource({"properties": {"id": ref("singleIri")}})),
    Rule("purpose", "purpose values MUST come from the W3C motivation list",
         WPT + "definitions/otherProperties.json#purposeRecognizedIfPresent, "
               "annotations.json#motivationList; REC 3.3.5",
         each_resource({"properties": {"purpose": ref("motivations")}})),
    Rule("textual-body", "a Textual Body MUST have exactly 1 value, a string",
         WPT + "definitions/bodyTarget.json#textualBodyFound; REC 3.2.4 \"MUST have exactly 1 value\"",
         each_body({"allOf": [
             {"properties": {"value": {"type": "string"}}},
             {"if": {"required": ["type"], "properties": {"type": includes("TextualBody")}},
              "then": {"required": ["value"]}}]})),
    Rule("text-direction", "textDirection MUST be one of ltr, rtl, auto",
         WPT + "bodiesTargets/3.2.1-{body,targ}TextDirectionValidated.json; "
               "definitions/bodyTarget.json#textDirectionValidIfPresent",
         each_resource({"properties": {"textDirection": one_or_many(
             {"type": "string", "enum": ["ltr", "rtl", "auto"]}, max_items=1)}})),
    Rule("ewr-items", "an External Web Resource MUST NOT have items",
         WPT + "bodiesTargets/3.2.7-{body,targ}EWRNoItems.json; definitions/bodyTarget.json#ewrWithItems",
         each_resource({"not": {"allOf": [ref("externalWebResource"), {"required": ["items"]}]}})),
    Rule("ewr-purpose", "an External Web Resource MUST NOT have purpose",
         WPT + "bodiesTargets/3.3.5-{body,targ}EWRNoPurpose.json; "
               "definitions/bodyTarget.json#ewrWithPurpose",
         each_resource({"not": {"allOf": [ref("externalWebResource"), {"required": ["purpose"]}]}})),
    Rule("sr-value", "a Specific Resource MUST NOT have value",
         WPT + "bodiesTargets/4-{body,targ}SpecificResourceNoValue.json; "
               "definitions/specificResource.json#specificResourceWithValue",
         specific_resources({"not": {"required": ["value"]}})),
    Rule("sr-items", "a Specific Resource MUST NOT have items",
         WPT + "bodiesTargets/3.2.7-{body,targ}SpecificResourceNoItems.json; "
               "definitions/specificResource.json#specificResourceWithItems",
         specific_resources({"not": {"required": ["items"]}})),
    Rule("tb-items", "a Textual Body MUST NOT have items",
         WPT + "bodiesTargets/3.2.7-bodyEmbeddedTextualNoItems.json; "
               "definitions/bodyTarget.json#embeddedTextualBodyWithItems",
         each_body({"not": {"allOf": [ref("textualBody"), {"required": ["items"]}]}})),
    Rule("tb-source", "a Textual Body MUST NOT have source",
         WPT + "bodiesTargets/4-bodyEmbeddedTextualNoSource.json; "
               "definitions/bodyTarget.json#embeddedTextualBodyWithSource",
         each_body({"not": {"allOf": [ref("textualBody"), {"required": ["source"]}]}})),
    Rule("target-textual", "a target MUST NOT have a type including TextualBody",
         WPT + "bodiesTargets/3.2.4-targNoTypeTextualBody.json; "
               "definitions/bodyTarget.json#embeddedTextTypeInclTextualBodyWithoutId",
         each_target({"not": {"allOf": [
             {"not": {"required": ["id"]}},
             {"required": ["type"], "properties": {"type": includes("TextualBody")}}]}})),
    Rule("choice-set", "a Choice or Set MUST NOT have value, source or purpose",
         WPT + "bodiesTargets/3.2.4-{body,targ}ChoiceSetNoValue.json, 4-{body,targ}ChoiceSetNo"
               "Source.json, 3.3.5-{body,targ}ChoiceSetNoPurpose.json; definitions/choiceSet.json",
         each_resource({"not": {"allOf": [ref("choiceOrSet"), {"anyOf": [
             {"required": ["value"]}, {"required": ["source"]}, {"required": ["purpose"]}]}]}})),

    # --- specificResource/specificResourceMusts.test --------------------------
    Rule("source", "a Specific Resource's source MUST be exactly 1 IRI (absolute: scheme \":\" ...) "
                   "or an External Web Resource with an IRI id",
         WPT + "definitions/specificResource.json#sourceDetected, id.json#stringUri; "
               "REC 4 \"MUST have exactly 1 source\"",
         specific_resources({"properties": {"source": ref("source")}})),
    Rule("sr-detected", "a Specific Resource MUST have, besides source, at least one of purpose, "
                        "selector, state, styleClass, renderedVia, scope",
         WPT + "definitions/specificResource.json#specificeResourceDetected",
         specific_resources({"anyOf": [{"required": [k]} for k in (
             "purpose", "selector", "state", "styleClass", "renderedVia", "scope")]})),
    Rule("selector", "each selector MUST be an IRI or an object with an IRI id or a type among "
                     + ", ".join(SELECTOR_TYPES),
         WPT + "specificResource/4.2-selectorValidIfPresent.json; "
               "definitions/specificResource.json#selectorDefined",
         specific_resources({"properties": {"selector": ref("selectors")}})),
    Rule("text-quote", "a TextQuoteSelector MUST have exactly 1 exact string (prefix, suffix: strings)",
         WPT + "specificResource/4.2.4-textQuoteSelectorValid.json; "
               "definitions/specificResource.json#textQuoteSelectorDetected",
         each_selector({"if": typed("TextQuoteSelector"), "then": ref("textQuoteSelector")})),
    Rule("text-position", "a TextPositionSelector / DataPositionSelector MUST have start and end, "
                          "each a single non-negative integer",
         WPT + "specificResource/4.2-TextDataPositionSelectorValid.json; "
               "definitions/specificResource.json#textPositionSelectorDetected, "
               "#dataPositionSelectorDetected",
         each_selector({"allOf": [
             {"if": typed("TextPositionSelector"), "then": ref("textPositionSelector")},
             {"if": typed("DataPositionSelector"), "then": ref("dataPositionSelector")}]})),
    Rule("value-selector", "a FragmentSelector / CssSelector / XPathSelector MUST have a string value "
                           "(FragmentSelector conformsTo: an IRI)",
         WPT + "specificResource/4.2-fragmentCssXPathSelectorValid.json; "
               "definitions/specificResource.json#fragmentSelectorDetected, #cssSelectorDetected, "
               "#xpathSelectorDetected",
         each_selector({"allOf": [
             {"if": typed(name), "then": ref(schema)} for name, schema in (
                 ("FragmentSelector", "fragmentSelector"), ("CssSelector", "cssSelector"),
                 ("XPathSelector", "xpathSelector"))]})),
    Rule("svg-selector", "an SvgSelector MUST have either a value or an id",
         WPT + "specificResource/4.2.7-svgSelectorValid.json; "
               "definitions/specificResource.json#svgSelectorDetected",
         each_selector({"if": typed("SvgSelector"), "then": ref("svgSelector")})),
    Rule("range-selector", "a RangeSelector MUST have startSelector and endSelector, each a selector",
         WPT + "specificResource/4.2.8-rangeSelectorValid.json; "
               "definitions/specificResource.json#rangeSelectorDetected",
         each_selector({"if": typed("RangeSelector"), "then": ref("rangeSelector")})),
    Rule("state", "each state MUST be an IRI or an object with an IRI id or of type TimeState / "
                  "HttpRequestState",
         WPT + "specificResource/4.3-stateValidIfPresent.json; "
               "definitions/specificResource.json#stateDefined",
         specific_resources({"properties": {"state": ref("states")}})),
    Rule("time-state", "a TimeState MUST have sourceDate, or sourceDateStart and sourceDateEnd, as "
                       "xsd:dateTime (cached: an IRI)",
         WPT + "specificResource/4.3.1-timeStateValid.json; "
               "definitions/specificResource.json#timeStateDetected",
         each_state({"if": typed("TimeState"), "then": ref("timeState")})),
    Rule("http-state", "an HttpRequestState MUST have a string value",
         WPT + "specificResource/4.3.2-httpRequestStateValid.json; "
               "definitions/specificResource.json#requestHeaderStateDetected",
         each_state({"if": typed("HttpRequestState"), "then": ref("httpRequestState")})),
    Rule("refined-by", "refinedBy MUST be an IRI or a recognized selector or state",
         WPT + "specificResource/4.3.3-refinedByValidated.json; "
               "definitions/specificResource.json#refinedByDefined",
         {"allOf": [each_selector({"properties": {"refinedBy": ref("refinedBy")}}),
                    each_state({"properties": {"refinedBy": ref("refinedBy")}})]}),
    Rule("style-class", "styleClass MUST be a string or strings, on a resource with a source",
         WPT + "specificResource/4.4-styleClassValidIfPresent.json; "
               "definitions/specificResource.json#styleClassDefinition",
         each_resource({"properties": {"styleClass": one_or_many({"type": "string"})},
                        "dependencies": {"styleClass": ["source"]}})),
]

# Speed only: a rule can fail only if one of these keys, or "type" values,
# appears somewhere in the annotation, so without them it is not run (rules
# not listed always run).  The self-test's bad cases go through this filter.
TRIGGERS = {
    "context-single": {"@context"}, "body-bodyValue": {"bodyValue"}, "body-kind": {"body"},
    "bodyValue": {"bodyValue"}, "created": {"created"}, "modified": {"modified"},
    "generated": {"generated"}, "utc": {"created", "modified", "generated"},
    "rights": {"rights"}, "canonical": {"canonical"}, "via": {"via"},
    "motivation": {"motivation"}, "purpose": {"purpose"}, "textual-body": {"body"},
    "text-direction": {"textDirection"}, "ewr-items": {"items"}, "ewr-purpose": {"purpose"},
    "sr-value": {"value"}, "sr-items": {"items"}, "tb-items": {"items"}, "tb-source": {"source"},
    "target-textual": {"TextualBody"}, "choice-set": {"Choice", "Composite", "List", "Independents"},
    "source": {"source"}, "sr-detected": {"source"}, "selector": {"selector"},
    "text-quote": {"TextQuoteSelector"},
    "text-position": {"TextPositionSelector", "DataPositionSelector"},
    "value-selector": {"FragmentSelector", "CssSelector", "XPathSelector"},
    "svg-selector": {"SvgSelector"}, "range-selector": {"RangeSelector"}, "state": {"state"},
    "time-state": {"TimeState"}, "http-state": {"HttpRequestState"}, "refined-by": {"refinedBy"},
    "style-class": {"styleClass"},
}
assert set(TRIGGERS) <= {rule.key for rule in RULES}


def present(value, found=None):
    """Every object key, and every string "type" value, anywhere in value."""
    found = set() if found is None else found
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            if key == "type":
                found.update(t for t in (item if isinstance(item, list) else [item]) if isinstance(t, str))
            present(item, found)
    elif isinstance(value, list):
        for item in value:
            present(item, found)
    return found


# ---------------------------------------------------------------------------
# Reporting


def path_of(error):
    out = ""
    for part in error.absolute_path:
        out += "[%d]" % part if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(annotation)"


def short(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def branch_errors(error):
    """An error and, depth first, the errors of its oneOf/anyOf branches."""
    yield error
    for sub in error.context or ():
        yield from branch_errors(sub)


def describe(error):
    """(path, what is wrong) for one error, looking into oneOf/anyOf branches
    for the format failure that explains it (an IRI, a date)."""
    for e in branch_errors(error):
        if e.validator == "format":
            name, problem = FORMAT_NAMES[e.validator_value]
            return path_of(e), "%s is not %s: %s" % (short(e.instance), name, problem(e.instance))
    if error.validator == "pattern" and error.validator_value == "Z$":
        return path_of(error), "%s does not end in Z" % short(error.instance)
    message = error.message
    return path_of(error), message if len(message) <= 160 else message[:157] + "..."


# ---------------------------------------------------------------------------
# The documents (DOCS_FOLDER)


def find_document(source, docs):
    """The file under docs that the source IRI names, or None."""
    if isinstance(source, dict):
        source = source.get("id")
    if isinstance(source, list) and len(source) == 1:
        source = source[0]
    if not isinstance(source, str):
        return None
    segments = urllib.parse.urlsplit(source).path.split("/")
    try:
        segments = [urllib.parse.unquote(s, errors="strict") for s in segments]
    except UnicodeDecodeError:
        return None
    root = os.path.realpath(docs)
    for i in range(len(segments)):
        tail = segments[i:]
        if any(s in ("", ".", "..") or "\0" in s for s in tail):
            continue
        candidate = os.path.realpath(os.path.join(root, *tail))
        if os.path.commonpath([root, candidate]) == root and os.path.isfile(candidate):
            return candidate
    return None


_texts = {}


def text_of(path):
    if path not in _texts:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        _texts[path] = text[1:] if text.startswith("\ufeff") else text
    return _texts[path]


DOC_RULES = {
    "doc-missing": ("a target's source MUST name a document under DOCS_FOLDER (a file: URI ending "
                    "with the document id, or an IRI whose last path segments name the file)",
                    "DOCS_FOLDER check"),
    "doc-range": ("a TextPositionSelector MUST have start <= end <= the document's length in code points",
                  "REC 4.2.5: positions count Unicode code points of the document"),
    "doc-exact": ("the document's code points start..end MUST equal the TextQuoteSelector's exact",
                  "REC 4.2.4 / 4.2.5: both selectors select the same segment, in code points"),
    "doc-context": ("TextQuoteSelector prefix / suffix MUST be the text just before / just after",
                    "REC 4.2.4: prefix \"immediately before\", suffix \"immediately after\""),
}


def check_documents(annotation, docs):
    """(rule key, detail) for each target whose selectors disagree with its document."""
    found = []
    targets = annotation.get("target")
    targets = targets if isinstance(targets, list) else [targets]
    for n, target in enumerate(targets):
        where = "target" if not isinstance(annotation.get("target"), list) else "target[%d]" % n
        if not isinstance(target, dict) or not isinstance(target.get("selector"), list):
            continue
        selectors = [s for s in target["selector"] if isinstance(s, dict)]
        positions = [s for s in selectors if s.get("type") == "TextPositionSelector"
                     and type(s.get("start")) is int and type(s.get("end")) is int]
        quotes = [s for s in selectors if s.get("type") == "TextQuoteSelector"
                  and isinstance(s.get("exact"), str)]
        if not positions or not quotes:
            # A quote alone may be an orphan whose words left the document.
            continue
        path = find_document(target.get("source"), docs)
        if path is None:
            found.append(("doc-missing", "%s.source: %s" % (where, short(target.get("source")))))
            continue
        text = text_of(path)
        for pos in positions:
            s, e = pos["start"], pos["end"]
            if not 0 <= s <= e <= len(text):
                found.append(("doc-range", "%s: start %d, end %d, document %s has %d code points"
                              % (where, s, e, short(os.path.relpath(path, docs)), len(text))))
                continue
            for quote in quotes:
                if text[s:e] != quote["exact"]:
                    found.append(("doc-exact", "%s: text[%d:%d] is %s, exact is %s"
                                  % (where, s, e, short(text[s:e]), short(quote["exact"]))))
                    continue
                prefix, suffix = quote.get("prefix"), quote.get("suffix")
                if isinstance(prefix, str) and (len(prefix) > s or text[s - len(prefix):s] != prefix):
                    found.append(("doc-context", "%s: prefix %s, text before is %s" % (
                        where, short(prefix), short(text[max(0, s - len(prefix)):s]))))
                if isinstance(suffix, str) and text[e:e + len(suffix)] != suffix:
                    found.append(("doc-context", "%s: suffix %s, text after is %s"
                                  % (where, short(suffix), short(text[e:e + len(suffix)]))))
    return found


# ---------------------------------------------------------------------------
# Lines


LINE_RULES = {
    "json": ("each line MUST be one JSON object", "JSON Lines; RFC 8259"),
    "duplicate-key": ("a JSON object MUST NOT repeat a key (the second value would silently win)",
                      "RFC 8259 4 (names SHOULD be unique); the REC's \"exactly 1\" properties"),
    "bom": ("the file MUST NOT start with a byte order mark", "RFC 8259 8.1"),
}


def _pairs(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError("duplicate key %r" % key)
        seen.add(key)
    return dict(pairs)


def _no_constant(name):
    raise ValueError("%s is not JSON" % name)


def check_annotation(annotation, docs=None):
    """[(rule key, message line without the line number)] for one parsed annotation."""
    out = []
    keys = present(annotation)
    for rule in RULES:
        if rule.key in TRIGGERS and not TRIGGERS[rule.key] & keys:
            continue
        errors = list(rule.validator.iter_errors(annotation))
        if errors:
            details = ["at %s: %s" % describe(e) for e in errors[:3]]
            if len(errors) > 3:
                details.append("and %d more" % (len(errors) - 3))
            out.append((rule.key, "%s (%s); %s" % (rule.what, rule.source, "; ".join(details))))
    if docs is not None and isinstance(annotation, dict):
        for key, detail in check_documents(annotation, docs):
            what, source = DOC_RULES[key]
            out.append((key, "%s (%s); at %s" % (what, source, detail)))
    return out


def check_line(raw, docs=None):
    """[(rule key, message)] for one line of text (without its newline)."""
    try:
        value = json.loads(raw, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except ValueError as error:
        key = "duplicate-key" if "duplicate key" in str(error) else "json"
        what, source = LINE_RULES[key]
        return [(key, "%s (%s); %s" % (what, source, error))], False
    if not isinstance(value, dict):
        what, source = LINE_RULES["json"]
        return [("json", "%s (%s); the line is %s" % (what, source, short(value)))], False
    return check_annotation(value, docs), True


def check_file(path, docs=None):
    """(number of annotations checked, [(line number, rule key, message)])."""
    failures, count = [], 0
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        what, source = LINE_RULES["bom"]
        failures.append((1, "bom", "%s (%s)" % (what, source)))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return 0, [(1, "json", "the file MUST be UTF-8 (RFC 8259 8.1); %s" % error)]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, raw in enumerate(lines, 1):
        found, parsed = check_line(raw[:-1] if raw.endswith("\r") else raw, docs)
        count += parsed
        failures.extend((number, key, message) for key, message in found)
    return count, failures


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) not in (2, 3) or argv[1].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    docs = argv[2] if len(argv) == 3 else None
    if docs is not None and not os.path.isdir(docs):
        print("%s is not a folder" % docs, file=sys.stderr)
        return 2
    count, failures = check_file(argv[1], docs)
    for number, _, message in failures:
        print("%d: %s" % (number, message), file=sys.stderr)
    if failures:
        return 1
    print("ok", count)
    return 0


# ---------------------------------------------------------------------------
# Self-test: hand-written annotations; the good ones pass, each bad one fails
# the rule it was written to break.


def self_test():
    with tempfile.TemporaryDirectory(prefix="w3c-anno-docs-") as docs:
        return _self_test(docs)


def _self_test(docs):
    os.makedirs(os.path.join(docs, "sub dir"))
    doc_id = "sub dir/doc é.txt"
    raw = "\ufeffBarack Obama visited\r\nParis \U0001F600 today.\r\nBye."
    with open(os.path.join(docs, doc_id), "w", encoding="utf-8", newline="") as f:
        f.write(raw)
    text = raw[1:]
    file_iri = Path(docs, doc_id).as_uri()
    http_iri = "https://example.org/corpus/sub%20dir/doc%20%C3%A9.txt"
    t = text.index("today")
    utf16 = len(text[:t].encode("utf-16-le")) // 2  # what a UTF-16 writer would say

    def quote(start, end, exact=None):
        return {"type": "TextQuoteSelector", "exact": text[start:end] if exact is None else exact,
                "prefix": text[max(0, start - 32):start], "suffix": text[end:end + 32]}

    def position(start, end):
        return {"type": "TextPositionSelector", "start": start, "end": end}

    def target(start, end, source=file_iri):
        return {"source": source, "selector": [quote(start, end), position(start, end)]}

    def good():
        return {"@context": ANNO_CONTEXT, "id": "urn:annotate:doc1:alice:7", "type": "Annotation",
                "creator": {"type": "Person", "name": "alice"},
                "created": "2024-05-01T12:00:00Z", "modified": "2024-05-01T12:30:00.250Z",
                "motivation": "tagging",
                "body": [{"type": "TextualBody", "value": "PER", "purpose": "tagging"},
                         {"type": "TextualBody", "value": "a note", "purpose": "commenting"}],
                "target": target(0, 12)}

    def quote_only():
        a = good()
        a["target"] = {"source": http_iri, "selector": [{"type": "TextQuoteSelector", "exact": "gone",
                                                         "prefix": "", "suffix": ""}]}
        return a

    def linking():
        return {"@context": [ANNO_CONTEXT, {"extra": "http://example.org/ns#extra"}],
                "id": "https://example.org/anno/link-1", "type": ["Annotation"],
                "motivation": ["linking"], "created": "2024-05-01T12:00:00Z",
                "body": {"type": "TextualBody", "value": "lives in", "purpose": "linking"},
                "target": [target(0, 12), target(text.index("Paris"), text.index("Paris") + 5, http_iri)]}

    def other_shapes():  # shapes annotate does not write but WPT accepts
        return {"@context": ANNO_CONTEXT, "id": "http://example.org/anno9", "type": "Annotation",
                "bodyValue": "plain comment",
                "target": [
                    "http://example.org/page1",
                    {"id": "http://example.org/image.jpg", "type": "Image", "format": "image/jpeg"},
                    {"source": {"id": "http://example.org/page2", "type": "Text"},
                     "selector": {"type": "FragmentSelector", "value": "char=3,9",
                                  "refinedBy": {"type": "TextQuoteSelector", "exact": "x"}},
                     "state": {"type": "TimeState", "sourceDate": "2016-01-01T00:00:00Z"},
                     "styleClass": "red"},
                    {"type": "Choice", "items": ["http://example.org/a", "http://example.org/b"]}]}

    def bad(change):
        a = good()
        change(a)
        return a

    def sel(a, n):  # the n-th selector of the (single) target
        return a["target"]["selector"][n]

    goods = [("annotate's shape, file: IRI", good()), ("quote selector only", quote_only()),
             ("linking, two targets, https IRI", linking()), ("other WPT shapes", other_shapes()),
             ("non-BMP offsets in code points", bad(lambda a: a.update(target=target(t, t + 5))))]

    bads = [
        ("missing @context", "context", bad(lambda a: a.pop("@context"))),
        ("wrong @context", "context", bad(lambda a: a.update({"@context": "http://www.w3.org/ns/oa.jsonld"}))),
        ("one-item @context array", "context-single", bad(lambda a: a.update({"@context": [ANNO_CONTEXT]}))),
        ("missing id", "id", bad(lambda a: a.pop("id"))),
        ("id not an IRI", "id", bad(lambda a: a.update(id="anno-7"))),
        ("id with a space", "id", bad(lambda a: a.update(id="urn:annotate:doc 1:7"))),
        ("id as a list", "id", bad(lambda a: a.update(id=["urn:annotate:7"]))),
        ("missing type", "type", bad(lambda a: a.pop("type"))),
        ("type not Annotation", "type", bad(lambda a: a.update(type="Note"))),
        ("missing target", "target", bad(lambda a: a.pop("target"))),
        ("empty target list", "target", bad(lambda a: a.update(target=[]))),
        ("bare file name as source", "source", bad(lambda a: a["target"].update(source="doc1.txt"))),
        ("relative path as source", "source", bad(lambda a: a["target"].update(source="sub dir/doc.txt"))),
        ("Windows path as source", "source", bad(lambda a: a["target"].update(source="C:\\docs\\a.txt"))),
        ("bare file name as source: also no target kind", "target-kind",
         bad(lambda a: a["target"].update(source="doc1.txt"))),
        ("two sources", "source", bad(lambda a: a["target"].update(source=[file_iri, http_iri]))),
        ("source without selector", "sr-detected", bad(lambda a: a["target"].pop("selector"))),
        ("body and bodyValue", "body-bodyValue", bad(lambda a: a.update(bodyValue="x"))),
        ("TextualBody without value", "textual-body", bad(lambda a: a["body"][0].pop("value"))),
        ("TextualBody without value: not a body kind", "body-kind", bad(lambda a: a["body"][0].pop("value"))),
        ("TextualBody value a number", "textual-body", bad(lambda a: a["body"][0].update(value=5))),
        ("TextualBody with items", "tb-items", bad(lambda a: a["body"][0].update(items=["http://e.org/x"]))),
        ("bodyValue a list of two", "bodyValue", bad(lambda a: (a.pop("body"), a.update(bodyValue=["a", "b"])))),
        ("motivation not in the list", "motivation", bad(lambda a: a.update(motivation="labelling"))),
        ("purpose not in the list", "purpose", bad(lambda a: a["body"][0].update(purpose="tag"))),
        ("created without timezone", "created", bad(lambda a: a.update(created="2024-05-01T12:00:00"))),
        ("created with a space", "created", bad(lambda a: a.update(created="2024-05-01 12:00:00Z"))),
        ("created on 30 February", "created", bad(lambda a: a.update(created="2024-02-30T12:00:00Z"))),
        ("created not UTC Z", "utc", bad(lambda a: a.update(created="2024-05-01T14:00:00+02:00"))),
        ("modified twice", "modified", bad(lambda a: a.update(modified=["2024-05-01T12:00:00Z"] * 2))),
        ("generated a number", "generated", bad(lambda a: a.update(generated=1714564800))),
        ("target created without timezone", "created",
         bad(lambda a: a["target"].update(created="2024-05-01T12:00"))),
        ("rights not an IRI", "rights", bad(lambda a: a.update(rights="CC-BY 4.0"))),
        ("canonical twice", "canonical", bad(lambda a: a.update(canonical=["urn:a:1", "urn:a:2"]))),
        ("via not an IRI", "via", bad(lambda a: a.update(via=["example.org/x"]))),
        ("textDirection up", "text-direction", bad(lambda a: a["body"][0].update(textDirection="up"))),
        ("External Web Resource id a file name", "resource-id",
         bad(lambda a: a.update(target={"id": "page1.html"}))),
        ("Specific Resource id with a space", "resource-id",
         bad(lambda a: a["target"].update(id="urn:t:1 2"))),
        ("Specific Resource with value", "sr-value", bad(lambda a: a["target"].update(value="x"))),
        ("Specific Resource with items", "sr-items", bad(lambda a: a["target"].update(items=["urn:x:1"]))),
        ("External Web Resource with items", "ewr-items",
         bad(lambda a: a.update(target={"id": "http://example.org/p", "items": ["urn:x:1"]}))),
        ("TextualBody with source", "tb-source", bad(lambda a: a["body"][0].update(source=http_iri))),
        ("External Web Resource with purpose", "ewr-purpose",
         bad(lambda a: a.update(target={"id": "http://example.org/p", "purpose": "tagging"}))),
        ("target typed TextualBody", "target-textual",
         bad(lambda a: a["target"].update(type="TextualBody"))),
        ("Choice with source", "choice-set",
         bad(lambda a: a.update(target={"type": "Choice", "items": ["urn:x:1"], "source": "urn:x:2"}))),
        ("unknown selector type", "selector", bad(lambda a: sel(a, 0).update(type="RegexSelector"))),
        ("TextQuoteSelector without exact", "text-quote", bad(lambda a: sel(a, 0).pop("exact"))),
        ("TextQuoteSelector prefix a number", "text-quote", bad(lambda a: sel(a, 0).update(prefix=3))),
        ("TextPositionSelector start negative", "text-position", bad(lambda a: sel(a, 1).update(start=-1))),
        ("TextPositionSelector end a string", "text-position", bad(lambda a: sel(a, 1).update(end="12"))),
        ("TextPositionSelector start a float", "text-position", bad(lambda a: sel(a, 1).update(start=1.5))),
        ("TextPositionSelector start 0.0", "text-position", bad(lambda a: sel(a, 1).update(start=0.0))),
        ("TextPositionSelector without end", "text-position", bad(lambda a: sel(a, 1).pop("end"))),
        ("FragmentSelector without value", "value-selector",
         bad(lambda a: sel(a, 0).clear() or sel(a, 0).update(type="FragmentSelector"))),
        ("SvgSelector with value and id", "svg-selector",
         bad(lambda a: sel(a, 0).clear() or sel(a, 0).update(type="SvgSelector", value="<svg/>", id="urn:s:1"))),
        ("RangeSelector without endSelector", "range-selector",
         bad(lambda a: sel(a, 0).clear() or sel(a, 0).update(type="RangeSelector", startSelector=position(0, 1)))),
        ("state not recognized", "state", bad(lambda a: a["target"].update(state={"type": "Cached"}))),
        ("TimeState without date", "time-state", bad(lambda a: a["target"].update(state={"type": "TimeState"}))),
        ("HttpRequestState without value", "http-state",
         bad(lambda a: a["target"].update(state={"type": "HttpRequestState"}))),
        ("refinedBy not recognized", "refined-by", bad(lambda a: sel(a, 0).update(refinedBy={"type": "X"}))),
        ("styleClass a number", "style-class", bad(lambda a: a["target"].update(styleClass=3))),
        ("linking: second source a bare name", "source",
         (lambda a: (a["target"][1].update(source="doc é.txt"), a)[1])(linking())),
        ("linking: first target's start negative", "text-position",
         (lambda a: (a["target"][0]["selector"][1].update(start=-3), a)[1])(linking())),
    ]
    doc_bads = [
        ("offsets in UTF-16 units", "doc-exact",
         bad(lambda a: a.update(target={"source": file_iri, "selector": [
             quote(t, t + 5), position(utf16, utf16 + 5)]}))),
        ("end past the document", "doc-range", bad(lambda a: sel(a, 1).update(end=len(text) + 1))),
        ("end before start", "doc-range", bad(lambda a: sel(a, 1).update(start=5, end=4))),
        ("exact not the text", "doc-exact", bad(lambda a: sel(a, 0).update(exact="Barack Obamb"))),
        ("prefix not the text before", "doc-context",
         bad(lambda a: a.update(target=target(t, t + 5)) or sel(a, 0).update(prefix="Rome "))),
        ("suffix not the text after", "doc-context", bad(lambda a: sel(a, 0).update(suffix=" went"))),
        ("source names no document", "doc-missing",
         bad(lambda a: a["target"].update(source="https://example.org/corpus/none.txt"))),
        ("source escapes the folder", "doc-missing",
         bad(lambda a: a["target"].update(source="file:///etc/hostname"))),
        ("linking: second target off by one", "doc-exact",
         (lambda a: (a["target"][1]["selector"][1].update(start=a["target"][1]["selector"][1]["start"] + 1,
                                                        end=a["target"][1]["selector"][1]["end"] + 1), a)[1])(linking())),
    ]

    problems = []
    for name, annotation in goods:
        found = check_annotation(annotation, docs)
        if found:
            problems.append("good %r failed: %s" % (name, found))
    for name, key, annotation in bads:
        keys = [k for k, _ in check_annotation(annotation)]
        if key not in keys:
            problems.append("bad %r: expected %s, got %s" % (name, key, keys))
    for name, key, annotation in doc_bads:
        keys = [k for k, _ in check_annotation(annotation, docs)]
        if key not in keys:
            problems.append("bad %r (with docs): expected %s, got %s" % (name, key, keys))
        if key != "doc-missing" and check_annotation(annotation):
            problems.append("bad %r fails without docs too" % name)
    for name, key, raw_line in [
            ("duplicate id key", "duplicate-key",
             '{"@context":"%s","id":"urn:a:1","id":"urn:a:2","type":"Annotation","target":"urn:t:1"}'
             % ANNO_CONTEXT),
            ("not JSON", "json", '{"@context": '), ("a list, not an object", "json", "[1, 2]"),
            ("NaN", "json", '{"x": NaN}'), ("blank line", "json", "")]:
        keys = [k for k, _ in check_line(raw_line)[0]]
        if key not in keys:
            problems.append("bad line %r: expected %s, got %s" % (name, key, keys))
    fired = {k for _, k, _ in bads + doc_bads} | {"duplicate-key", "json"}
    untested = [r.key for r in RULES if r.key not in fired] + [k for k in DOC_RULES if k not in fired]
    if untested:
        problems.append("rules without a failing case: %s" % untested)

    # The command line, end to end: a good file, then one with a bad line 3.
    lines = [json.dumps(a, ensure_ascii=False) for _, a in goods]
    good_file = os.path.join(docs, "good.jsonl")
    with open(good_file, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")
    run = subprocess.run([sys.executable, os.path.abspath(__file__), good_file, docs],
                         capture_output=True, text=True)
    if run.returncode != 0 or run.stdout.strip() != "ok %d" % len(goods) or run.stderr:
        problems.append("CLI on good file: rc %d, %r, %r" % (run.returncode, run.stdout, run.stderr))
    bad_file = os.path.join(docs, "bad.jsonl")
    broken = bad(lambda a: a["target"].update(source="doc1.txt"))
    with open(bad_file, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines[:2] + [json.dumps(broken)]) + "\n")
    run = subprocess.run([sys.executable, os.path.abspath(__file__), bad_file],
                         capture_output=True, text=True)
    if (run.returncode != 1 or run.stdout or not run.stderr.startswith("3: ")
            or "source MUST be exactly 1 IRI" not in run.stderr
            or "\"doc1.txt\" is not an IRI: no scheme" not in run.stderr):
        problems.append("CLI on bad file: rc %d, %r, %r" % (run.returncode, run.stdout, run.stderr))

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print("self-test ok: %d good annotations, %d bad annotations, %d bad lines, %d rules"
          % (len(goods), len(bads) + len(doc_bads), 5, len(RULES) + len(DOC_RULES)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
