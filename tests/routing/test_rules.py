"""The default routing rules, the engine, and errors naming the line of a bad rules file."""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from classify import classify
from intake.errors import ConfigError
from intake.models import Attachment, Capture, Classification, Envelope, ExtractedField, ObjectRef, Route
from routing import load_rules, route
from routing.rules import DEFAULT_RULES

RECEIVED = datetime(2026, 5, 12, 9, 30, tzinfo=timezone.utc)  # a Tuesday, two days before Ascension


def envelope(body: str, channel: str = "email", subject: str = "", attachments: tuple[Attachment, ...] = ()) -> Envelope:
    return Envelope(id="env-1", channel=channel, source="test", source_id="1", subject=subject, body=body,
                    received_at=RECEIVED, attachments=attachments)


def scan(name: str = "courrier.pdf") -> Attachment:
    return Attachment(filename=name, ref=ObjectRef(key=f"raw/{name}", sha256="0" * 64, size=1))


def member_number(value: str = "40217736") -> ExtractedField:
    return ExtractedField(
        kind="member_number", value=value, normalized=value, source="body", start=0, end=8, confidence=0.9
    )


def routed(body: str, channel: str = "email", subject: str = "", fields: tuple[ExtractedField, ...] = (),
           attachments: tuple[Attachment, ...] = ()) -> Route:
    """Classify a French request for real, then route it with the default rules."""
    item, capture = envelope(body, channel, subject, attachments), Capture(envelope_id="env-1", fields=fields)
    return route(load_rules(), item, capture, classify(item, capture))


# One real request per default rule, in the order of rules.yaml.
EXAMPLES = {
    "unreadable-items": dict(channel="letter", body="", attachments=(scan(),)),
    "auto-replies-and-bounces": dict(
        subject="Réponse automatique : Votre demande", body="Je suis absente du bureau jusqu'au 25 mai."
    ),
    "unsure-classification": dict(body="Bonjour, quels sont vos horaires d'ouverture le samedi ?"),
    "complaints": dict(
        body="Je suis très mécontent : trois mois après l'envoi de ma feuille de soins, toujours aucun "
        "remboursement. C'est inadmissible."
    ),
    "legal-escalation": dict(body="Ceci est ma 3e relance pour recevoir mon attestation de droits."),
    "hospitalisation-expert": dict(
        body="Mon hospitalisation est prévue le 20 mai à la clinique du Parc : merci de m'adresser la prise "
        "en charge pour la chambre particulière et le dépassement d'honoraires du chirurgien."
    ),
    "dental-expert": dict(
        channel="letter",
        body="Veuillez trouver ci-joint le devis de mon dentiste pour un implant et une couronne : 1 200 € et 650 €.",
    ),
    "optical-expert": dict(
        channel="webform",
        body="Mon opticien m'a fait un devis pour des lunettes à verres progressifs, monture comprise : 620 €.",
    ),
    "certificate-identified-member": dict(
        channel="letter", body="Merci de m'envoyer une attestation de droits.", fields=(member_number(),)
    ),
    "simple-digital": dict(
        body="Suite à mon déménagement, voici ma nouvelle adresse : 14 rue des Lilas, 52200 Langres."
    ),
    "simple-letter-or-call": dict(
        channel="letter", body="Suite à mon déménagement, voici ma nouvelle adresse : 3 place Diderot, 52200 Langres."
    ),
    "everything-else": dict(
        channel="letter",
        body="J'ai reçu trois décomptes : 25 €, 48,50 € et 120 €, mais la pharmacie de février (32,10 €) "
        "manque. Merci de vérifier ces remboursements.",
    ),
}


def test_the_examples_cover_every_default_rule_in_order():
    assert list(EXAMPLES) == [rule.name for rule in load_rules().rules]


@pytest.mark.parametrize("rule", list(EXAMPLES))
def test_each_default_rule_fires_on_its_example(rule):
    assert routed(**EXAMPLES[rule]).rule == rule


def test_a_complaint_goes_to_the_complaints_team_within_15_calendar_days():
    result = routed(**EXAMPLES["complaints"])
    assert (result.team, result.queue) == ("complaints", "team.complaints")
    assert (result.deadline, result.deadline_days, result.deadline_kind) == (date(2026, 5, 27), 15, "calendar")
    assert result.reason == "rule 'complaints': topic complaint"


def test_working_day_deadlines_skip_ascension_and_the_weekend():
    result = routed(**EXAMPLES["simple-digital"])
    # Tue 12 May + 3 working days: Wed 13, (Thu 14 Ascension), Fri 15, (weekend), Mon 18.
    assert (result.deadline, result.deadline_kind) == (date(2026, 5, 18), "working")


def test_urgency_raises_priority_and_the_reason_says_so():
    result = routed(**EXAMPLES["hospitalisation-expert"])
    assert (result.team, result.priority) == ("expert-hospitalisation", 8)
    assert result.reason == (
        "rule 'hospitalisation-expert': topic hospitalisation, complexity complex; priority 6+2 for urgency high"
    )


def test_priority_never_leaves_0_to_9():
    escalation = routed(**EXAMPLES["legal-escalation"])
    assert escalation.priority == 9
    assert escalation.reason.endswith("priority 7+3 for urgency critical, capped at 9")
    assert routed(**EXAMPLES["auto-replies-and-bounces"]).priority == 0


def test_screened_items_have_no_deadline():
    result = routed(**EXAMPLES["auto-replies-and-bounces"])
    assert (result.team, result.deadline, result.deadline_kind) == ("screened", None, None)
    assert result.reason == "rule 'auto-replies-and-bounces': screened (auto-reply)"


def test_an_unreadable_letter_goes_to_review_for_a_person_to_read_not_to_the_screened_team():
    result = routed(**EXAMPLES["unreadable-items"])
    assert (result.team, result.deadline) == ("review", date(2026, 5, 13))
    assert result.reason == "rule 'unreadable-items': screened (unreadable)"


def test_an_empty_email_without_documents_is_still_set_apart_as_screened():
    result = routed(body="Bonjour,\n\nEnvoyé depuis mon iPhone")
    assert (result.team, result.rule) == ("screened", "auto-replies-and-bounces")


@pytest.mark.parametrize(("wanted", "fires"), [("true", True), ("false", False), ("bounce", True),
                                               ("[auto-reply, unreadable]", False)])
def test_the_screened_condition_takes_a_flag_or_the_reasons_it_matches(tmp_path, wanted, fires):
    text = VALID.replace("      topic: complaint\n      channel: [email, letter]\n", f"      screened: {wanted}\n")
    bounce = Classification(screened="bounce", topic_confidence=1.0, complexity_confidence=1.0)
    result = route(load_rules(write(tmp_path, text)), envelope("..."), Capture(envelope_id="env-1"), bounce)
    assert (result.rule == "complaints") is fires


def test_an_unknown_screening_reason_is_refused_at_its_line(tmp_path):
    text = VALID.replace("      topic: complaint\n", "      screened: vacances\n")
    with pytest.raises(ConfigError, match=r"line 9: rules\[0\]\.when\.screened"):
        load_rules(write(tmp_path, text))


def test_a_site_in_moselle_skips_good_friday_in_its_working_day_deadlines(tmp_path):
    text = VALID.replace("version: 1\n", "version: 1\ncalendar: {subdivision: 57}\n").replace(
        "      team: general\n", "      team: general\n      deadline: {days: 1, kind: working}\n")
    request = Classification(topic="other", topic_confidence=0.9, complexity_confidence=0.9)
    thursday = envelope("...").model_copy(update={"received_at": datetime(2026, 4, 2, 9, tzinfo=timezone.utc)})
    moselle = route(load_rules(write(tmp_path, text)), thursday, Capture(envelope_id="env-1"), request)
    paris = route(load_rules(write(tmp_path, VALID.replace("      team: general\n", "      team: general\n"
                                                         "      deadline: {days: 1, kind: working}\n"))),
                  thursday, Capture(envelope_id="env-1"), request)
    # Good Friday 3 April 2026 is a holiday in Moselle only; Easter Monday 6 April everywhere
    assert (moselle.deadline, paris.deadline) == (date(2026, 4, 7), date(2026, 4, 3))


def test_an_unknown_calendar_subdivision_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="calendar.subdivision"):
        load_rules(write(tmp_path, VALID.replace("version: 1\n", "version: 1\ncalendar: {subdivision: Lorraine}\n")))


def test_low_confidence_is_sent_to_review_with_the_measured_confidence():
    unsure = Classification(topic="dental", topic_confidence=0.3, complexity_confidence=0.8)
    result = route(load_rules(), envelope("..."), Capture(envelope_id="env-1"), unsure)
    assert result.team == "review"
    assert result.reason == "rule 'unsure-classification': confidence 0.30 < 0.63"


def test_load_rules_reads_the_packaged_file_by_default():
    assert load_rules() == load_rules(DEFAULT_RULES)


VALID = """\
version: 1
teams:
  general: Demandes simples
  complaints: Réclamations
urgency_boost: {high: 2}
rules:
  - name: complaints
    when:
      topic: complaint
      channel: [email, letter]
    then:
      team: complaints
      priority: 6
      deadline: {days: 15, kind: calendar}
  - name: everything-else
    then:
      team: general
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_small_valid_file_loads_and_routes(tmp_path):
    rules = load_rules(write(tmp_path, VALID))
    complaint = Classification(topic="complaint", topic_confidence=0.9, complexity_confidence=0.9, urgency="high")
    result = route(rules, envelope("...", channel="letter"), Capture(envelope_id="env-1"), complaint)
    assert (result.rule, result.priority, result.deadline) == ("complaints", 8, date(2026, 5, 27))


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("      channel: [email, letter]", "      colour: red", 10, "when.colour: unknown key"),
        ("      team: complaints", "      team: reclamations", 12, "unknown team 'reclamations'"),
        ("kind: calendar}", "kind: ouvrés}", 14, "deadline.kind"),
        ("      topic: complaint", "      topic: dentaire", 9, "rules[0].when.topic"),
        ("      channel: [email, letter]", "      channel: [email, fax]", 10, "rules[0].when.channel[1]"),
        ("      priority: 6", "      priority: 12", 13, "less than or equal to 9"),
        ("  - name: everything-else\n    then:", "  - name: everything-else\n    when: {urgency: low}\n    then:", 15,
         "the last rule must be a catch-all"),
        ("  - name: everything-else", "  - name: complaints", 15, "duplicate rule name 'complaints'"),
        ("urgency_boost: {high: 2}", "urgency_boost: {urgent: 2}", 5, "urgency_boost.urgent"),
        ("      team: general", "      team: general\n      deadline: {days: 5}", 18, "deadline.kind: Field required"),
        ("      deadline: {days: 15, kind: calendar}", "      deadline: {days: 15, kind: calendar", 15, "invalid YAML"),
    ],
)
def test_a_bad_rules_file_is_refused_with_the_line_to_fix(tmp_path, old, new, line, words):
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new))
    with pytest.raises(ConfigError) as raised:
        load_rules(path)
    message = str(raised.value)
    assert f"line {line}:" in message and words in message, message


def test_a_catch_all_above_other_rules_is_refused_at_its_line(tmp_path):
    text = VALID.replace("    when:\n      topic: complaint\n      channel: [email, letter]\n", "")
    with pytest.raises(ConfigError, match=r"line 7: rules\[0\]: rule 'complaints' matches everything"):
        load_rules(write(tmp_path, text))


def test_a_missing_then_is_reported_at_the_rule(tmp_path):
    text = VALID.replace("  - name: everything-else\n    then:\n      team: general\n", "  - name: everything-else\n")
    with pytest.raises(ConfigError, match=r"line 15: rules\[1\]\.then: Field required"):
        load_rules(write(tmp_path, text))


def test_an_unreadable_or_empty_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_rules(tmp_path / "absent.yaml")
    with pytest.raises(ConfigError, match="line 1: the rules file must be a mapping"):
        load_rules(write(tmp_path, ""))
