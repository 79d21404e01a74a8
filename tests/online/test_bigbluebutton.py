"""BigBlueButton: the join button of a conference that runs on it creates the session's meeting and hands
each person a join address signed for them, checked by a fake server on loopback that recomputes every
checksum as bbb-web does (the query string as received with its checksum parameter cut out, prefixed
with the call's name and followed by the shared secret; the algorithm chosen by the checksum's length)."""

import hashlib
import ipaddress
import socket
import ssl
import threading
import urllib.request
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.utils import timezone

from events.enums import ConferenceFormat, TeamRole
from online import bigbluebutton
from online.models import Attendance, BigBlueButtonServer
from program.enums import PersonRole
from registrations.services import new_link
from tests.factories import (
    BigBlueButtonServerFactory,
    ConferenceFactory,
    InterpretationChannelFactory,
    MembershipFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionPersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
ROOM_LINK = "https://meet.example.org/plenary-hall"
SERVER_DOWN = "The meeting server does not answer; try again in a minute."
ALGORITHMS = {40: "sha1", 64: "sha256", 96: "sha384", 128: "sha512"}


def checksum_accepted(call: str, query: str, secret: str) -> bool:
    """bbb-web's check (ParamsProcessorUtil.isChecksumSame), written out again here rather than taken
    from the code under test: the raw query string loses its checksum parameter wherever it stands,
    and the digest of call + rest + secret must equal it."""
    given = dict(parse_qsl(query, keep_blank_values=True)).get("checksum", "")
    if len(given) not in ALGORITHMS:
        return False
    rest = query.replace("&checksum=" + given, "")
    rest = rest.replace("checksum=" + given + "&", "")
    rest = rest.replace("checksum=" + given, "")
    return hashlib.new(ALGORITHMS[len(given)], (call + rest + secret).encode()).hexdigest() == given


def response(returncode: str, **fields: str) -> bytes:
    body = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in fields.items())
    return f"<response><returncode>{returncode}</returncode>{body}</response>".encode()


class FakeBigBlueButton(ThreadingHTTPServer):
    """The parts of the API the site uses: create, join, isMeetingRunning and the version at the root."""

    daemon_threads = True

    def __init__(self, secret: str = SECRET) -> None:
        super().__init__(("127.0.0.1", 0), FakeApi)
        self.secret = secret
        self.scheme = "http"
        self.meetings: dict[str, str] = {}  # meetingID → name
        self.creates: list[dict] = []  # every create that passed the checksum, with its answer's messageKey
        self.joins: list[dict] = []  # every join that passed the checksum and entered a meeting
        self.refused: list[tuple[str, str]] = []  # (call, messageKey) of every FAILED answer
        self.checks = 0  # isMeetingRunning calls that passed the checksum

    @property
    def api_url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server_address[1]}/bigbluebutton/api/"


class FakeApi(BaseHTTPRequestHandler):
    server: FakeBigBlueButton

    def log_message(self, *args) -> None:
        pass

    def answer(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "text/xml;charset=utf-8", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def failed(self, call: str, key: str, message: str) -> None:
        self.server.refused.append((call, key))
        self.answer(200, response("FAILED", messageKey=key, message=message))

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path == "/html5client/join":
            return self.answer(200, b"<html>In the meeting</html>", **{"Content-Type": "text/html"})
        if not path.startswith("/bigbluebutton/api"):
            return self.answer(404)
        call = path.removeprefix("/bigbluebutton/api").strip("/")
        if not call:
            return self.answer(200, response("SUCCESS", version="2.0", apiVersion="2.0", bbbVersion="3.0"))
        if not checksum_accepted(call, query, self.server.secret):
            return self.failed(call, "checksumError", "Checksums do not match")
        params = dict(parse_qsl(query, keep_blank_values=True))
        handler = {"create": self.create, "join": self.join, "isMeetingRunning": self.is_running}.get(call)
        if handler is None:
            return self.failed(call, "unsupportedRequest", "This request is not supported.")
        return handler(params)

    def create(self, params: dict) -> None:
        meeting, name = params.get("meetingID", ""), params.get("name", "")
        if not 2 <= len(meeting) <= 256 or "," in meeting:
            return self.failed("create", "sizeError", "meetingID: 2 to 256 characters, no comma")
        if not 2 <= len(name) <= 64:
            return self.failed("create", "sizeError", "name: 2 to 64 characters")
        key = "duplicateWarning" if meeting in self.server.meetings else ""
        self.server.meetings.setdefault(meeting, name)
        self.server.creates.append({**params, "answered": key})
        return self.answer(200, response("SUCCESS", meetingID=meeting, messageKey=key))

    def join(self, params: dict) -> None:
        if not params.get("fullName") or params.get("role", "").upper() not in ("MODERATOR", "VIEWER"):
            return self.failed("join", "missingParam", "fullName and role are required")
        if params.get("meetingID") not in self.server.meetings:
            return self.failed("join", "invalidMeetingIdentifier", "No meeting with that ID exists")
        self.server.joins.append(params)
        if params.get("redirect", "true") != "true":
            return self.answer(200, response("SUCCESS", messageKey="successfullyJoined"))
        return self.answer(302, Location=f"/html5client/join?sessionToken=t{len(self.server.joins)}")

    def is_running(self, params: dict) -> None:
        self.server.checks += 1
        return self.answer(200, response("SUCCESS", running="false"))


def run(server: FakeBigBlueButton):
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def fake():
    yield from run(FakeBigBlueButton())


@pytest.fixture
def live_session():
    now = timezone.now()
    conference = ConferenceFactory(format=ConferenceFormat.ONLINE, starts_on=now.date(), ends_on=now.date())
    room = RoomFactory(conference=conference, online_link=ROOM_LINK)
    return SessionFactory(conference=conference, room=room, title="The war and the workers",
                          starts_at=now - timedelta(minutes=10),
                          ends_at=now + timedelta(minutes=50))  # fmt: skip


@pytest.fixture
def on_bigbluebutton(live_session, fake):
    """The live session's conference runs on the fake server. The row is written directly: the model
    accepts only https addresses, and the fake speaks plain http on loopback."""
    return BigBlueButtonServerFactory(conference=live_session.conference, api_url=fake.api_url, secret=SECRET)


def join_by_link(client, registration, session, channel=""):
    token = new_link(registration)
    answer = client.post(f"/r/{token}/online/join/", {"session": str(session.uid), "channel": channel})
    assert answer.status_code == 302
    return token, answer["Location"]


def query_of(url: str) -> dict:
    return dict(parse_qsl(urlsplit(url).query))


def enter(url: str) -> tuple[str, bytes]:
    """Follow a join address as the person's browser would: to the meeting, or to the server's error."""
    with urllib.request.urlopen(url, timeout=5) as answer:  # the fake on loopback, over http
        return urlsplit(answer.geturl()).path, answer.read()


def test_the_checksum_is_the_one_the_documentation_computes():
    documented = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"

    assert bigbluebutton.checksum("create", documented, SECRET, algorithm="sha1") == (
        "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
    )
    assert checksum_accepted(
        "create", f"{documented}&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17", SECRET
    )
    assert not checksum_accepted(
        "create", f"{documented}&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f18", SECRET
    )


def test_the_client_against_the_fake_create_is_idempotent_and_a_wrong_secret_has_its_key(fake):
    client = bigbluebutton.Client(fake.api_url, SECRET)

    assert client.create(meeting="zimmerwald-one", name="One") == ""
    assert client.create(meeting="zimmerwald-one", name="One") == "duplicateWarning"
    client.check()
    with pytest.raises(bigbluebutton.BigBlueButtonError) as refused:
        bigbluebutton.Client(fake.api_url, "another-secret").check()

    assert refused.value.key == "checksumError"
    assert (list(fake.meetings), fake.checks, fake.refused) == (
        ["zimmerwald-one"],
        1,
        [("isMeetingRunning", "checksumError")],
    )


def test_sha1_signatures_pass_too_and_the_fake_picks_the_algorithm_by_length(fake):
    sha1 = bigbluebutton.Client(fake.api_url, SECRET, algorithm="sha1")
    sha1.create(meeting="zimmerwald-two", name="Two")
    url = sha1.join_url(meeting="zimmerwald-two", full_name="Ana", role="VIEWER", user_id="user-1")

    assert len(query_of(url)["checksum"]) == 40
    assert enter(url)[0] == "/html5client/join"
    assert fake.refused == []


def test_an_address_that_is_not_the_api_is_an_error_without_a_key(fake):
    client = bigbluebutton.Client(fake.api_url.replace("/bigbluebutton/api/", "/elsewhere/"), SECRET)

    with pytest.raises(bigbluebutton.BigBlueButtonError) as failed:
        client.check()

    assert failed.value.key == "" and "404" in str(failed.value)


def test_a_participant_enters_the_meeting_under_their_own_name_as_a_viewer(
    client, live_session, on_bigbluebutton, fake
):
    registration = RegistrationFactory(conference=live_session.conference, full_name="Rosa Luxemburg")

    _, location = join_by_link(client, registration, live_session)

    assert location.startswith(f"{fake.api_url}join?")
    signed = query_of(location)
    assert len(signed.pop("checksum")) == 64  # SHA-256
    assert signed == {
        "fullName": "Rosa Luxemburg", "meetingID": f"zimmerwald-{live_session.uid}", "role": "VIEWER",
        "userID": f"registration-{registration.pk}", "redirect": "true",
    }  # fmt: skip
    assert [(create["meetingID"], create["name"]) for create in fake.creates] == [
        (f"zimmerwald-{live_session.uid}", "The war and the workers")
    ]
    assert enter(location) == ("/html5client/join", b"<html>In the meeting</html>")
    assert [(join["fullName"], join["role"]) for join in fake.joins] == [("Rosa Luxemburg", "VIEWER")]
    assert fake.refused == []
    assert Attendance.objects.get().registration == registration


def test_the_fake_refuses_a_join_address_changed_by_one_character(
    client, live_session, on_bigbluebutton, fake
):
    registration = RegistrationFactory(conference=live_session.conference, full_name="Rosa Luxemburg")
    _, location = join_by_link(client, registration, live_session)

    _path, body = enter(location.replace("role=VIEWER", "role=MODERATOR"))

    assert b"<messageKey>checksumError</messageKey>" in body
    assert fake.joins == [] and fake.refused == [("join", "checksumError")]


def test_a_name_in_arabic_script_reaches_the_meeting_intact(client, live_session, on_bigbluebutton, fake):
    registration = RegistrationFactory(conference=live_session.conference, full_name="نور الهدى")

    _, location = join_by_link(client, registration, live_session)
    enter(location)

    assert [join["fullName"] for join in fake.joins] == ["نور الهدى"]


def test_the_chair_of_the_session_enters_as_moderator(client, live_session, on_bigbluebutton, fake):
    chair = RegistrationFactory(conference=live_session.conference, full_name="Clara Zetkin")
    SessionPersonFactory(session=live_session, registration=chair, email=chair.email, role=PersonRole.CHAIR)

    _, location = join_by_link(client, chair, live_session)
    enter(location)

    assert [(join["fullName"], join["role"]) for join in fake.joins] == [("Clara Zetkin", "MODERATOR")]


def test_a_speaker_who_does_not_chair_enters_as_viewer(client, live_session, on_bigbluebutton, fake):
    speaker = RegistrationFactory(conference=live_session.conference, full_name="Karl Liebknecht")
    SessionPersonFactory(
        session=live_session, registration=speaker, email=speaker.email, role=PersonRole.SPEAKER
    )

    _, location = join_by_link(client, speaker, live_session)

    assert query_of(location)["role"] == "VIEWER"


def test_a_member_of_the_team_enters_signed_in_as_moderator(client, live_session, on_bigbluebutton, fake):
    member = MembershipFactory(
        conference=live_session.conference, user=UserFactory(full_name="Robert Grimm")
    ).user
    client.force_login(member)

    answer = client.post(
        f"/me/online/{live_session.conference.slug}/join/", {"session": str(live_session.uid)}
    )
    enter(answer["Location"])

    assert [(join["fullName"], join["role"], join["userID"]) for join in fake.joins] == [
        ("Robert Grimm", "MODERATOR", f"user-{member.pk}")
    ]
    assert Attendance.objects.get().user == member


def test_an_account_without_a_name_does_not_show_its_address_in_the_meeting(
    client, live_session, on_bigbluebutton, fake
):
    member = MembershipFactory(
        conference=live_session.conference, user=UserFactory(full_name="", email="grimm@example.org")
    ).user
    client.force_login(member)

    answer = client.post(
        f"/me/online/{live_session.conference.slug}/join/", {"session": str(live_session.uid)}
    )

    assert query_of(answer["Location"])["fullName"] == "grimm"


def test_the_meeting_is_created_by_every_join_and_exists_once(client, live_session, on_bigbluebutton, fake):
    """Idempotently, as the API documents create: each join creates the meeting, the server keeps one and
    answers the later creates with duplicateWarning (so that a meeting the server closed is made again)."""
    first, second = (RegistrationFactory(conference=live_session.conference) for _ in range(2))

    for registration in (first, second, first):
        _, location = join_by_link(client, registration, live_session)
        enter(location)

    assert [create["answered"] for create in fake.creates] == ["", "duplicateWarning", "duplicateWarning"]
    assert fake.meetings == {f"zimmerwald-{live_session.uid}": "The war and the workers"}
    assert len(fake.joins) == 3
    assert sorted(Attendance.objects.values_list("registration", "joins")) == [(first.pk, 2), (second.pk, 1)]


def test_a_long_title_is_cut_to_the_length_the_server_accepts(client, live_session, on_bigbluebutton, fake):
    live_session.title = "The international conference of socialist women against the war, " * 4
    live_session.save()

    _, location = join_by_link(client, RegistrationFactory(conference=live_session.conference), live_session)

    assert enter(location)[0] == "/html5client/join"
    assert len(fake.creates[0]["name"]) == 64 and fake.creates[0]["name"].endswith("…")


def test_a_wrong_secret_is_refused_and_the_person_is_told_to_try_again(
    client, live_session, on_bigbluebutton, fake
):
    on_bigbluebutton.secret = "not-the-servers-secret"
    on_bigbluebutton.save()
    registration = RegistrationFactory(conference=live_session.conference)

    token, location = join_by_link(client, registration, live_session)

    assert location == f"/r/{token}/online/"
    assert fake.refused == [("create", "checksumError")] and fake.meetings == {}
    page = client.get(location)
    assert page.status_code == 200 and SERVER_DOWN in page.content.decode()
    assert not Attendance.objects.exists()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_server_that_is_not_there_refuses_the_join_with_the_same_message(client, live_session):
    BigBlueButtonServerFactory(conference=live_session.conference,
                               api_url=f"http://127.0.0.1:{closed_port()}/bigbluebutton/api/")  # fmt: skip
    registration = RegistrationFactory(conference=live_session.conference)

    token, location = join_by_link(client, registration, live_session)

    assert location == f"/r/{token}/online/"
    assert SERVER_DOWN in client.get(location).content.decode()
    assert not Attendance.objects.exists()


def test_a_server_that_does_not_answer_in_time_refuses_the_join(client, live_session, monkeypatch):
    monkeypatch.setattr(bigbluebutton, "TIMEOUT_SECONDS", 0.5)
    with socket.socket() as silent:  # accepts connections (the kernel's backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        address = f"http://127.0.0.1:{silent.getsockname()[1]}/bigbluebutton/api/"
        BigBlueButtonServerFactory(conference=live_session.conference, api_url=address)
        registration = RegistrationFactory(conference=live_session.conference)

        token, location = join_by_link(client, registration, live_session)

    assert location == f"/r/{token}/online/"
    assert SERVER_DOWN in client.get(location).content.decode()
    assert not Attendance.objects.exists()


def test_a_conference_without_a_server_keeps_its_plain_links(client, live_session, fake):
    _, location = join_by_link(client, RegistrationFactory(conference=live_session.conference), live_session)

    assert location == ROOM_LINK
    assert fake.creates == [] and fake.refused == []


def test_a_disabled_server_leaves_the_plain_links(client, live_session, on_bigbluebutton, fake):
    on_bigbluebutton.enabled = False
    on_bigbluebutton.save()

    _, location = join_by_link(client, RegistrationFactory(conference=live_session.conference), live_session)

    assert location == ROOM_LINK and fake.creates == []


def test_interpretation_channels_stay_their_stored_links(client, live_session, on_bigbluebutton, fake):
    channel = InterpretationChannelFactory(session=live_session, language="ar")

    _, location = join_by_link(
        client, RegistrationFactory(conference=live_session.conference), live_session, "ar"
    )

    assert location == channel.link and fake.creates == []


def test_on_bigbluebutton_a_session_without_a_stored_link_has_its_join_button(
    client, live_session, on_bigbluebutton, fake
):
    live_session.room.online_link = ""
    live_session.room.save()
    registration = RegistrationFactory(conference=live_session.conference)
    token = new_link(registration)

    response = client.get(f"/r/{token}/online/")

    page = response.content.decode()
    assert f'value="{live_session.uid}"' in page and "no online link" not in page
    _, location = join_by_link(client, registration, live_session)
    assert location.startswith(f"{fake.api_url}join?")
    # The browser follows the join button's redirect only to an origin the page's form-action names.
    server_origin = "/".join(fake.api_url.split("/")[:3])
    assert server_origin in response["Content-Security-Policy"].split("form-action")[1].split(";")[0]


def test_a_participant_who_is_not_confirmed_reaches_no_server(client, live_session, on_bigbluebutton, fake):
    registration = RegistrationFactory(conference=live_session.conference, status="waitlisted")

    token, location = join_by_link(client, registration, live_session)

    assert location == f"/r/{token}/online/"
    assert fake.creates == [] and fake.joins == [] and not Attendance.objects.exists()


# The organizers' form ---------------------------------------------------------------------------------
# The form takes https addresses only, so its server is the same fake behind TLS, with a certificate
# made for 127.0.0.1 that the test trusts through SSL_CERT_FILE (which OpenSSL reads for Python's default
# context): the client's certificate check stays on.


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fake BigBlueButton")])
    now = datetime.now(UTC)
    built = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    directory = tmp_path_factory.mktemp("tls")
    (directory / "cert.pem").write_bytes(built.public_bytes(serialization.Encoding.PEM))
    (directory / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return directory / "cert.pem", directory / "key.pem"


@pytest.fixture
def tls_fake(certificate, monkeypatch):
    cert, key = certificate
    server = FakeBigBlueButton()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.scheme = "https"
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    yield from run(server)


def form_page(conference) -> str:
    return f"/manage/c/{conference.slug}/online/bigbluebutton/"


def test_an_organizer_sets_a_server_that_answers_and_its_secret_is_never_shown(client, organizer, tls_fake):
    conference = organizer.conference
    typed = tls_fake.api_url.removesuffix("api/")  # as bbb-conf --secret prints it

    answer = client.post(form_page(conference), {"api_url": typed, "secret": SECRET, "enabled": "on"})

    assert answer.status_code == 302 and answer["Location"] == form_page(conference)
    server = BigBlueButtonServer.objects.get(conference=conference)
    assert (server.api_url, server.secret, server.enabled) == (tls_fake.api_url, SECRET, True)
    assert tls_fake.checks == 1 and tls_fake.refused == []
    page = client.get(form_page(conference)).content.decode()
    assert tls_fake.api_url in page and SECRET not in page
    assert "The sessions run on this server." in page


def test_a_refused_secret_is_said_and_nothing_is_saved(client, organizer, tls_fake):
    answer = client.post(
        form_page(organizer.conference),
        {"api_url": tls_fake.api_url, "secret": "wrong-secret", "enabled": "on"},
    )

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "answers but refuses the shared secret" in page
    assert f'value="{tls_fake.api_url}"' in page and "wrong-secret" not in page
    assert tls_fake.refused == [("isMeetingRunning", "checksumError")]
    assert not BigBlueButtonServer.objects.exists()


def test_an_address_where_no_server_answers_is_said_and_kept(client, organizer):
    address = f"https://127.0.0.1:{closed_port()}/bigbluebutton/api/"

    answer = client.post(
        form_page(organizer.conference), {"api_url": address, "secret": SECRET, "enabled": "on"}
    )

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "does not answer as BigBlueButton does" in page and f'value="{address}"' in page
    assert not BigBlueButtonServer.objects.exists()


def test_a_certificate_that_is_not_trusted_is_a_server_that_does_not_answer(
    client, organizer, tls_fake, monkeypatch
):
    monkeypatch.delenv("SSL_CERT_FILE")

    answer = client.post(
        form_page(organizer.conference), {"api_url": tls_fake.api_url, "secret": SECRET, "enabled": "on"}
    )

    assert "does not answer as BigBlueButton does" in answer.content.decode()
    assert tls_fake.checks == 0 and not BigBlueButtonServer.objects.exists()


def test_a_plain_http_address_is_a_form_error_and_nothing_is_called(client, organizer, fake):
    answer = client.post(
        form_page(organizer.conference), {"api_url": fake.api_url, "secret": SECRET, "enabled": "on"}
    )

    assert "Give an address that starts with https://." in answer.content.decode()
    assert fake.checks == 0 and not BigBlueButtonServer.objects.exists()


def test_a_new_server_needs_its_secret(client, organizer, tls_fake):
    answer = client.post(
        form_page(organizer.conference), {"api_url": tls_fake.api_url, "secret": "", "enabled": "on"}
    )

    assert answer.status_code == 200 and tls_fake.checks == 0
    assert not BigBlueButtonServer.objects.exists()


def test_an_empty_secret_keeps_the_stored_one(client, organizer, tls_fake):
    BigBlueButtonServerFactory(
        conference=organizer.conference, api_url=tls_fake.api_url, secret=SECRET, enabled=False
    )

    answer = client.post(
        form_page(organizer.conference), {"api_url": tls_fake.api_url, "secret": "", "enabled": "on"}
    )

    assert answer.status_code == 302
    server = BigBlueButtonServer.objects.get()
    assert (server.secret, server.enabled) == (SECRET, True) and tls_fake.checks == 1


def test_switching_the_server_off_needs_no_answer_from_it(client, organizer):
    address = f"https://127.0.0.1:{closed_port()}/bigbluebutton/api/"
    BigBlueButtonServerFactory(conference=organizer.conference, api_url=address, secret=SECRET)

    answer = client.post(form_page(organizer.conference), {"api_url": address, "secret": ""})

    assert answer.status_code == 302
    assert BigBlueButtonServer.objects.get().enabled is False


def test_a_viewer_sees_the_server_without_its_secret_and_cannot_change_it(client, sign_in_team, tls_fake):
    conference = sign_in_team(TeamRole.VIEWER).conference
    BigBlueButtonServerFactory(conference=conference, api_url=tls_fake.api_url, secret=SECRET)

    page = client.get(form_page(conference))

    assert page.status_code == 200
    assert tls_fake.api_url in page.content.decode() and SECRET not in page.content.decode()
    assert "<fieldset disabled>" in page.content.decode()
    assert client.post(form_page(conference), {"api_url": tls_fake.api_url, "secret": "x"}).status_code == 403
    assert BigBlueButtonServer.objects.get().secret == SECRET and tls_fake.checks == 0


def test_the_online_attendance_page_links_to_the_server_form(client, organizer):
    page = client.get(f"/manage/c/{organizer.conference.slug}/online/").content.decode()

    assert f'href="{form_page(organizer.conference)}"' in page
    assert "not used; the sessions use their plain links." in page
