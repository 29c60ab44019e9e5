"""A plan as an iCalendar file (RFC 5545), written with the icalendar library.

One all-day event per scheduled item (its first day to the day after its last: DTEND is
exclusive) and per check-in. UIDs and DTSTAMP come from the plan itself, not the clock, so
the same plan always gives the same bytes and a re-import updates events instead of doubling.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from pmladder.assessment.plan import Plan


def _uid(plan: Plan, key: str) -> str:
    digest = hashlib.sha256(f"{plan.name}|{plan.target_role}|{plan.start}|{key}".encode()).hexdigest()[:24]
    return f"{digest}@pmladder"


def plan(view: Plan) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//pmladder//development plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    who = f"{view.name}: " if view.name else ""
    calendar.add("x-wr-calname", f"{who}plan toward {view.target_name}")
    stamp = dt.datetime.combine(view.start, dt.time(), tzinfo=dt.timezone.utc)
    for item in view.items:
        assert item.start is not None and item.end is not None  # scheduled items are dated
        event = Event()
        event.add("uid", _uid(view, f"item:{item.skill}:{item.project.title}"))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + dt.timedelta(days=1))
        event.add("summary", f"{item.skill_name}: {item.project.title}")
        description = [
            item.project.deliverable,
            f"About {item.project.effort_hours} h ({item.setting}); builds toward level {item.project.builds_to}.",
        ]
        if item.on_the_job:
            description.append(f"Alongside, on the job: {item.on_the_job.suggestion}")
        event.add("description", "\n".join(description))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    for checkin in view.checkins:
        event = Event()
        event.add("uid", _uid(view, f"checkin:{checkin.what}"))
        event.add("dtstamp", stamp)
        event.add("dtstart", checkin.date)
        event.add("dtend", checkin.date + dt.timedelta(days=1))
        event.add("summary", checkin.what)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")
