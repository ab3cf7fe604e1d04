"""The record stage moves a case with its newest item (issue #18): real e-mails, letters,
calls and web forms through the real stages and a real worker, on the embedded default and
on RabbitMQ + S3; each scenario checks the events, the notices on the queues and the deadline."""

from __future__ import annotations

from datetime import date

import pytest
from journeys import MARIE, Journey, at, call, form, letter, mail

from intake.settings import Settings
from runtime.app import App
from runtime.bus import notice_queue
from storage.lifecycle import assign
from storage.reroute import reroute
from storage.timeline import case_timeline

FIRST_MAIL = ("Bonjour, je n'ai pas reçu le remboursement de ma consultation du 2 novembre 2026 chez le kiné "
              "(60 €). Adhérent n° 12345678. Merci, Marie Martin")
CASE_LEVEL = {"reopened", "reclassified", "rerouted", "escalated", "reprioritised", "rescheduled", "kept",
              "review-requested"}
COMPLAINT = ["Je suis très mécontente de votre service : je conteste votre silence sur le remboursement",
             "de ma consultation. Sans réponse sous huit jours, je saisirai le médiateur de la mutualité."]


@pytest.fixture(params=["embedded", "rabbitmq-s3"])
def app(request, tmp_path):
    """An App on the embedded default, or on the session's RabbitMQ vhost and a bucket of this test's own."""
    urls = {}
    if request.param == "rabbitmq-s3":
        urls = {"broker_url": request.getfixturevalue("amqp_url"), "store_url": request.getfixturevalue("s3_url")}
    application = App(Settings.load(environ={}, data_dir=tmp_path / "data", retry_base_seconds=0.01, **urls))
    yield application
    Journey(application, people=("c.durand", "chef")).purge()
    application.close()


def _complaint_letter(case_id: str, member: str = MARIE[2], name: str = MARIE[0]) -> list[str]:
    return [name, "12 rue des Lilas", "69003 Lyon", "", f"Adhérent n° {member}", f"Dossier {case_id}", "",
            "Madame, Monsieur,", *COMPLAINT, "", name]


def _kinds(journey: Journey, case_id: str, envelope_id: str) -> list[str]:
    """The item's events in the order of its timeline (received, linked, ..., the case-level changes)."""
    groups = case_timeline(journey.app.records, journey.case(case_id))
    return [e.kind for g in groups if g.envelope_id == envelope_id for e in g.events]


def _changes(journey: Journey, case_id: str, envelope_id: str) -> list[str]:
    """The case-level changes the item caused, in order."""
    return [k for k in _kinds(journey, case_id, envelope_id) if k in CASE_LEVEL]


def _event(journey: Journey, case_id: str, event_id: str):
    return next(e for e in journey.case(case_id).events if e.id == event_id)


def test_a_complaint_letter_quoting_a_general_case_makes_it_a_complaint_on_the_complaint_clock(app):
    journey = Journey(app)
    case_id, first = journey.send(mail(FIRST_MAIL, at(23), "<q1@example.org>"))
    assert (journey.case(case_id).team, journey.case(case_id).deadline) == ("general", date(2026, 11, 26))
    joined, scan = journey.send(letter(_complaint_letter(case_id), at(8, 12), "scan-1", scanned=True))

    case = journey.case(joined)
    assert joined == case_id and (case.topic, case.urgency, case.team, case.priority) == ("complaint", "critical",
                                                                                          "complaints", 9)
    assert case.deadline == date(2026, 12, 23)  # 15 calendar days from the letter, not from the first mail
    assert _changes(journey, case_id, scan) == ["reclassified", "rerouted"]
    linked = _event(journey, case_id, f"{scan}-2-linked").data["evidence"]
    assert (linked["by"], linked["strength"], linked["backed_by"]) == ("case_ref", "strong", ["member_number"])
    rerouted = _event(journey, case_id, f"{scan}-6-rerouted")
    assert rerouted.data["rule"] == "complaints" and "08/12/2026" in rerouted.summary
    [notice] = journey.notices("team.complaints")
    assert (notice["kind"], notice["case_id"], notice["priority"], notice["deadline"]) == (
        "rerouted", case_id, 9, "2026-12-23")
    assert [n["case_id"] for n in journey.notices("team.general")] == [case_id]  # the first dispatch only

    app.handler("record")({"envelope_id": scan})  # redelivered: nothing new, nobody told twice
    assert journey.notices("team.complaints") == [] and len(journey.case(case_id).events) == len(case.events)
    groups = case_timeline(app.records, journey.case(case_id))
    assert [g.envelope_id for g in groups] == [first, scan] and "courrier reçu le 08/12/2026" in groups[1].label
    assert [e.kind for e in groups[1].events][:2] == ["received", "linked"]


def test_an_urgent_follow_up_raises_the_priority_and_a_late_one_renews_the_past_deadline(app):
    journey = Journey(app)
    case_id, _ = journey.send(call("c-1", at(23), "L'adhérente demande où en est le remboursement de sa "
                                   "consultation chez le kiné du 2 novembre."))
    assert (journey.case(case_id).priority, journey.case(case_id).deadline) == (4, date(2026, 11, 30))
    joined, urgent = journey.send(form("Bonjour, je vous relance au sujet du remboursement de ma consultation chez "
                                       "le kiné. C'est urgent, merci de traiter ma demande au plus vite.",
                                       at(25, hour=14), "w-1"))
    case = journey.case(joined)
    assert joined == case_id and (case.urgency, case.team, case.priority) == ("high", "general", 6)
    assert case.deadline == date(2026, 11, 30)  # the same team: the deadline never moves away
    assert _changes(journey, case_id, urgent) == ["reclassified", "reprioritised"]
    notices = journey.notices("team.general")
    assert [(n.get("kind"), n.get("priority")) for n in notices] == [(None, None), ("reprioritised", 6)]

    _, late = journey.send(form("Bonjour, je vous envoie le décompte de la sécurité sociale pour ma consultation "
                                "chez le kiné. Cordialement", at(4, 12), "w-2"))
    case = journey.case(case_id)
    assert case.deadline == date(2026, 12, 11) and case.priority == 6  # 5 working days from 4 December
    rescheduled = _event(journey, case_id, f"{late}-6-rescheduled")
    assert "30/11/2026 était dépassée" in rescheduled.summary
    assert [(n["kind"], n["deadline"]) for n in journey.notices("team.general")] == [("rescheduled", "2026-12-11")]


def test_a_reply_from_an_unknown_address_on_a_known_thread_joins_with_a_warning_and_goes_to_review(app):
    journey = Journey(app)
    case_id, _ = journey.send(mail(FIRST_MAIL, at(23), "<t1@example.org>"))
    joined, stranger = journey.send(mail(" ".join(COMPLAINT), at(24), "<t2@autre.example>",
                                         sender=("Paul Martin", "paul.martin@autre.example"),
                                         subject="Re: Remboursement consultation", In_Reply_To="<t1@example.org>",
                                         References="<t1@example.org>"))
    case = journey.case(joined)
    assert joined == case_id and (case.topic, case.team, case.priority) == ("reimbursement", "general", 5)
    assert _kinds(journey, case_id, stranger)[1:3] == ["linked", "link-warning"]
    assert _changes(journey, case_id, stranger) == ["review-requested"]
    evidence = _event(journey, case_id, f"{stranger}-2-linked").data["evidence"]
    assert (evidence["by"], evidence["strength"], evidence["disagreements"]) == ("thread", "weak", ["unknown_sender"])
    [review] = journey.notices("team.review")
    assert (review["kind"], review["case_id"], review["envelope_id"]) == ("review-requested", case_id, stranger)
    assert journey.notices("team.complaints") == []

    _, own = journey.send(mail("Je vous envoie le décompte de la sécurité sociale. Marie Martin", at(25),
                               "<t3@example.org>", subject="Re: Remboursement consultation",
                               In_Reply_To="<t1@example.org>"))
    evidence = _event(journey, case_id, f"{own}-2-linked").data["evidence"]
    assert (evidence["strength"], evidence["backed_by"]) == ("strong", ["sender"])
    assert "link-warning" not in _kinds(journey, case_id, own) and _changes(journey, case_id, own) == []


def test_a_letter_quoting_another_members_case_opens_a_related_case_of_its_own(app):
    journey = Journey(app)
    case_id, first = journey.send(mail(FIRST_MAIL, at(23), "<r1@example.org>"))
    other, quoting = journey.send(letter(["Jean Dupont", "4 place Bellecour", "69002 Lyon", "",
                                          "Adhérent n° 87654321", f"Concerne le dossier {case_id}", "",
                                          "Madame, Monsieur, je n'ai pas reçu le remboursement de ma consultation",
                                          "chez le kiné du 5 novembre 2026 (45 €).", "", "Jean Dupont"],
                                         at(26), "scan-2"))
    assert other != case_id and journey.case(case_id).items == (first,)
    new_case = journey.case(other)
    assert new_case.member == "87654321" and [e.kind for e in new_case.events][:3] == ["received", "opened",
                                                                                        "related"]
    opened = _event(journey, other, f"{quoting}-2-opened").data["evidence"]
    assert (opened["related_to"], opened["strength"], opened["disagreements"]) == (case_id, "weak", ["other_member"])
    on_first = _event(journey, case_id, f"{quoting}-2-related")
    assert on_first.envelope_id is None and on_first.data["related_case"] == other
    assert [n["case_id"] for n in journey.notices("team.general")] == [case_id, other]


def test_a_case_a_person_rerouted_keeps_that_choice_until_a_complaint_escalates_it(app):
    journey = Journey(app, people=("c.durand", "chef"))
    case_id, _ = journey.send(mail(FIRST_MAIL, at(23), "<p1@example.org>"))
    publish = lambda queue, body, priority: app.bus.publish(notice_queue(queue), body, priority=priority)  # noqa: E731
    reroute(app.records, case_id, "expert-hospitalisation", "user:chef", app.rules.teams, publish,
            "séjour en clinique : pour l'équipe hospitalisation")
    assign(app.records, case_id, "c.durand", "user:chef")
    assert [n["team"] for n in journey.notices("team.expert-hospitalisation")] == ["expert-hospitalisation"]

    _, reminder = journey.send(mail("Bonjour, je vous relance : c'est urgent, merci de traiter ma demande au plus "
                                    "vite. Marie Martin", at(24), "<p2@example.org>",
                                    subject="Re: Remboursement consultation", In_Reply_To="<p1@example.org>"))
    case = journey.case(case_id)
    assert (case.team, case.assignee, case.priority, case.urgency) == ("expert-hospitalisation", "c.durand", 7, "high")
    assert "conservée" in _event(journey, case_id, f"{reminder}-6-kept").summary
    assert journey.notices("team.general")[1:] == []

    _, complaint = journey.send(letter(_complaint_letter(case_id), at(1, 12), "scan-3"))
    case = journey.case(case_id)
    assert (case.team, case.assignee, case.status, case.priority) == ("complaints", None, "open", 9)
    assert case.deadline == date(2026, 12, 16)
    assert "escalade" in _event(journey, case_id, f"{complaint}-6-escalated").summary
    assert [n["kind"] for n in journey.notices("team.complaints")] == ["escalated"]
    for person in ("person.c.durand", "person.chef"):  # told of the kept choice, then of the escalation
        assert [(n["kind"], n["case_id"]) for n in journey.notices(person)] == [("kept", case_id),
                                                                                ("escalated", case_id)]
