#include "app/members/member_list.h"

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QString>

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace kiosk::members::detail {

namespace {

constexpr std::string_view kFormat = "kiosk-member-list";
constexpr qint64 kVersion = 1;
constexpr qint64 kMaxFileBytes = qint64{1} << 31;  // whole-file JSON; larger lists need bundles (later)
constexpr std::size_t kMaxMemberRef = 64;
constexpr std::size_t kMaxProgram = 32;
constexpr qsizetype kMaxDocumentsPerMember = 16;
constexpr qsizetype kMaxProgramsPerMember = 16;
constexpr qsizetype kMaxTemplateBytes = 64 * 1024;
constexpr qint64 kNoInteger = std::numeric_limits<qint64>::min();

// Builds "<file> members[3].documents[0].birth_date" contexts; the value itself never appears.
class Where {
public:
    explicit Where(std::string file) : file_(std::move(file)) {}
    [[nodiscard]] std::string at(const std::string& field) const { return file_ + " " + field; }
    [[nodiscard]] static std::string member(qsizetype i) { return "members[" + std::to_string(i) + "]"; }
    [[nodiscard]] static std::string item(const std::string& parent, const char* list, qsizetype i) {
        return parent + "." + list + "[" + std::to_string(i) + "]";
    }

private:
    std::string file_;
};

std::unexpected<Error> bad(const Where& where, const std::string& field, std::string message) {
    return fail(Error::Code::InvalidInput, std::move(message), where.at(field));
}

qint64 integerOf(const QJsonValue& v) { return v.isDouble() ? v.toInteger(kNoInteger) : kNoInteger; }

// Strict "YYYY-MM-DD" (no time, no week dates) and a real calendar day.
bool parseIsoDate(const QString& text, CalendarDate& out) {
    if (text.size() != 10 || text[4] != u'-' || text[7] != u'-') return false;
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (int i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            const char16_t c = text[i].unicode();
            if (c < u'0' || c > u'9') return false;
            parts[p] = parts[p] * 10 + (c - u'0');
        }
    }
    out = CalendarDate{parts[0], parts[1], parts[2]};
    return out.isValid();
}

bool isMemberRefChar(char16_t c) {
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' ||
           c == u'_' || c == u'.' || c == u':';
}

bool isProgramChar(char16_t c) { return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'; }

kiosk::Result<std::string> memberRef(const Where& w, const QJsonObject& m, const std::string& at) {
    const QJsonValue v = m.value(QStringLiteral("member_id"));
    if (!v.isString()) return bad(w, at + ".member_id", "missing or not a string");
    const QString s = v.toString();
    if (s.isEmpty() || static_cast<std::size_t>(s.size()) > kMaxMemberRef ||
        !std::all_of(s.begin(), s.end(), [](QChar c) { return isMemberRefChar(c.unicode()); }))
        return bad(w, at + ".member_id", "must be 1-64 characters of A-Z a-z 0-9 - _ . : (an opaque id, never a name)");
    return s.toStdString();
}

kiosk::Result<void> readPrograms(const Where& w, const QJsonObject& m, const std::string& at,
                                 ListMember& out) {
    const QJsonValue v = m.value(QStringLiteral("programs"));
    if (!v.isArray()) return bad(w, at + ".programs", "missing or not an array");
    const QJsonArray programs = v.toArray();
    if (programs.isEmpty()) return bad(w, at + ".programs", "empty: a member belongs to at least one program");
    if (programs.size() > kMaxProgramsPerMember) return bad(w, at + ".programs", "more than 16 programs");
    for (qsizetype i = 0; i < programs.size(); ++i) {
        const std::string pat = Where::item(at, "programs", i);
        if (!programs[i].isObject()) return bad(w, pat, "not an object");
        const QJsonObject p = programs[i].toObject();
        ProgramMembership pm;
        const QJsonValue name = p.value(QStringLiteral("program"));
        if (!name.isString()) return bad(w, pat + ".program", "missing or not a string");
        const QString ns = name.toString();
        if (ns.isEmpty() || static_cast<std::size_t>(ns.size()) > kMaxProgram ||
            !std::all_of(ns.begin(), ns.end(), [](QChar c) { return isProgramChar(c.unicode()); }))
            return bad(w, pat + ".program", "must be 1-32 characters of A-Z 0-9 _");
        pm.program = ns.toStdString();
        const QJsonValue status = p.value(QStringLiteral("status"));
        if (!status.isString()) return bad(w, pat + ".status", "missing or not a string");
        const auto st = parseProgramStatus(status.toString().toStdString());
        if (!st) return bad(w, pat + ".status", "unknown status (active, suspended, revoked)");
        pm.status = *st;
        const QJsonValue expires = p.value(QStringLiteral("expires"));
        if (!expires.isString() || !parseIsoDate(expires.toString(), pm.expires))
            return bad(w, pat + ".expires", "missing or not a date YYYY-MM-DD");
        out.programs.push_back(std::move(pm));
    }
    std::sort(out.programs.begin(), out.programs.end(),
              [](const auto& a, const auto& b) { return a.program < b.program; });
    for (std::size_t i = 1; i < out.programs.size(); ++i)
        if (out.programs[i].program == out.programs[i - 1].program)
            return bad(w, at + ".programs", "program " + out.programs[i].program + " listed twice");
    return {};
}

kiosk::Result<void> readFingers(const Where& w, const QJsonObject& m, const std::string& at,
                                ListMember& out) {
    const QJsonValue v = m.value(QStringLiteral("fingers"));
    if (v.isUndefined()) return {};  // enrolment without fingers: document-only clearance
    if (!v.isArray()) return bad(w, at + ".fingers", "not an array");
    const QJsonArray fingers = v.toArray();
    bool seen[11] = {};
    for (qsizetype i = 0; i < fingers.size(); ++i) {
        const std::string fat = Where::item(at, "fingers", i);
        if (!fingers[i].isObject()) return bad(w, fat, "not an object");
        const QJsonObject f = fingers[i].toObject();
        ListFinger lf;
        const qint64 position = integerOf(f.value(QStringLiteral("position")));
        if (position < 1 || position > 10)
            return bad(w, fat + ".position", "missing or not an ISO/IEC 19794-2 finger position 1-10");
        if (seen[position]) return bad(w, fat + ".position", "finger position listed twice");
        seen[position] = true;
        lf.position = static_cast<int>(position);
        const qint64 quality = integerOf(f.value(QStringLiteral("quality")));
        if (quality < 0 || quality > 100) return bad(w, fat + ".quality", "missing or not an integer 0-100");
        lf.quality = static_cast<int>(quality);
        const QJsonValue tv = f.value(QStringLiteral("iso19794_2"));
        if (!tv.isString()) return bad(w, fat + ".iso19794_2", "missing or not a string");
        const auto decoded = QByteArray::fromBase64Encoding(
            tv.toString().toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) return bad(w, fat + ".iso19794_2", "not valid base64");
        const QByteArray& bytes = decoded.decoded;
        if (bytes.isEmpty() || bytes.size() > kMaxTemplateBytes)
            return bad(w, fat + ".iso19794_2", "template must be 1 byte to 64 KiB");
        lf.isoTemplate.assign(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                              reinterpret_cast<const std::uint8_t*>(bytes.constData()) + bytes.size());
        out.fingers.push_back(std::move(lf));
    }
    std::sort(out.fingers.begin(), out.fingers.end(),
              [](const auto& a, const auto& b) { return a.position < b.position; });
    return {};
}

// Optional: absent means no lookout; anything but a JSON boolean is refused rather than guessed at.
kiosk::Result<void> readLookout(const Where& w, const QJsonObject& m, const std::string& at, ListMember& out) {
    const QJsonValue v = m.value(QStringLiteral("lookout"));
    if (v.isUndefined()) return {};
    if (!v.isBool()) return bad(w, at + ".lookout", "not a boolean (true or false)");
    out.lookout = v.toBool();
    return {};
}

// Reduces each document to its two derived keys straight away; the clear text does not outlive this.
kiosk::Result<void> readDocuments(const Where& w, const QJsonObject& m, const std::string& at,
                                  std::uint32_t memberIndex, const DeploymentKey& key,
                                  std::vector<ListDocument>& out) {
    const QJsonValue v = m.value(QStringLiteral("documents"));
    if (!v.isArray()) return bad(w, at + ".documents", "missing or not an array");
    const QJsonArray documents = v.toArray();
    if (documents.isEmpty()) return bad(w, at + ".documents", "empty: a member needs at least one document");
    if (documents.size() > kMaxDocumentsPerMember) return bad(w, at + ".documents", "more than 16 documents");
    for (qsizetype i = 0; i < documents.size(); ++i) {
        const std::string dat = Where::item(at, "documents", i);
        if (!documents[i].isObject()) return bad(w, dat, "not an object");
        const QJsonObject d = documents[i].toObject();
        DocumentKey dk;
        const QJsonValue issuer = d.value(QStringLiteral("issuing_state"));
        if (!issuer.isString()) return bad(w, dat + ".issuing_state", "missing or not a string");
        dk.issuingState = issuer.toString().toStdString();
        const QJsonValue number = d.value(QStringLiteral("number"));
        if (!number.isString()) return bad(w, dat + ".number", "missing or not a string");
        dk.documentNumber = number.toString().toStdString();
        const QJsonValue birth = d.value(QStringLiteral("birth_date"));
        if (!birth.isString() || !parseIsoDate(birth.toString(), dk.birthDate))
            return bad(w, dat + ".birth_date", "missing or not a date YYYY-MM-DD");
        auto canonical = canonicalDocument(dk);
        if (!canonical) {
            const bool issuerBad = canonical.error().context.find("issuing") != std::string::npos;
            return bad(w, dat + (issuerBad ? ".issuing_state" : ".number"), canonical.error().message);
        }
        ListDocument doc;
        doc.member = memberIndex;
        deriveLookupKey(key, *canonical, doc.lookupKey);
        deriveSealingKey(key, *canonical, doc.sealKey);  // the list is sealed for import or a bundle
        wipe(canonical->data(), canonical->size());
        wipe(dk.documentNumber.data(), dk.documentNumber.size());
        out.push_back(std::move(doc));
    }
    return {};
}

}  // namespace

kiosk::Result<MemberList> readMemberList(const std::filesystem::path& file, const DeploymentKey& key) {
    const Where w(file.filename().string());
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return fail(Error::Code::Io, "cannot open member list: " + f.errorString().toStdString(), file.string());
    if (f.size() > kMaxFileBytes)
        return fail(Error::Code::InvalidInput, "member list larger than 2 GiB", file.string());
    const QByteArray content = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return fail(Error::Code::Io, "cannot read member list: " + f.errorString().toStdString(), file.string());

    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(content, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(Error::Code::InvalidInput, "not valid JSON: " + parseError.errorString().toStdString(),
                    w.at("offset " + std::to_string(parseError.offset)));
    if (!json.isObject()) return bad(w, "(top level)", "not a JSON object");
    const QJsonObject root = json.object();

    if (root.value(QStringLiteral("format")).toString().toStdString() != kFormat)
        return bad(w, "format", "missing or not \"kiosk-member-list\"");
    if (integerOf(root.value(QStringLiteral("version"))) != kVersion)
        return bad(w, "version", "missing or unsupported (this build reads version 1)");
    MemberList list;
    list.sequence = integerOf(root.value(QStringLiteral("sequence")));
    if (list.sequence < 1 || list.sequence > (qint64{1} << 53))
        return bad(w, "sequence", "missing or not a positive integer");
    const QJsonValue created = root.value(QStringLiteral("created"));
    const QDateTime createdAt = created.isString() ? QDateTime::fromString(created.toString(), Qt::ISODate)
                                                   : QDateTime();
    if (!createdAt.isValid()) return bad(w, "created", "missing or not an ISO 8601 date-time");
    list.created = createdAt.toUTC().toString(Qt::ISODate).toStdString();
    const QJsonValue membersValue = root.value(QStringLiteral("members"));
    if (!membersValue.isArray()) return bad(w, "members", "missing or not an array");
    const QJsonArray members = membersValue.toArray();
    if (static_cast<std::uint64_t>(members.size()) > std::numeric_limits<std::uint32_t>::max())
        return bad(w, "members", "too many members");

    list.members.reserve(static_cast<std::size_t>(members.size()));
    list.documents.reserve(static_cast<std::size_t>(members.size()));
    std::unordered_set<std::string> refs;
    refs.reserve(static_cast<std::size_t>(members.size()));
    for (qsizetype i = 0; i < members.size(); ++i) {
        const std::string at = Where::member(i);
        if (!members[i].isObject()) return bad(w, at, "not an object");
        const QJsonObject m = members[i].toObject();
        ListMember lm;
        auto ref = memberRef(w, m, at);
        if (!ref) return std::unexpected(ref.error());
        if (!refs.insert(*ref).second) return bad(w, at + ".member_id", "member_id listed twice");
        lm.memberRef = std::move(*ref);
        if (auto r = readPrograms(w, m, at, lm); !r) return std::unexpected(r.error());
        if (auto r = readDocuments(w, m, at, static_cast<std::uint32_t>(i), key, list.documents); !r)
            return std::unexpected(r.error());
        if (auto r = readFingers(w, m, at, lm); !r) return std::unexpected(r.error());
        if (auto r = readLookout(w, m, at, lm); !r) return std::unexpected(r.error());
        list.fingers += lm.fingers.size();
        list.members.push_back(std::move(lm));
    }

    std::sort(list.documents.begin(), list.documents.end(),
              [](const ListDocument& a, const ListDocument& b) { return a.lookupKey < b.lookupKey; });
    for (std::size_t i = 1; i < list.documents.size(); ++i)
        if (list.documents[i].lookupKey == list.documents[i - 1].lookupKey) {
            const auto first = std::min(list.documents[i].member, list.documents[i - 1].member);
            const auto second = std::max(list.documents[i].member, list.documents[i - 1].member);
            return bad(w, Where::member(second) + ".documents",
                       "same document as " + Where::member(first) + " (a document belongs to one member)");
        }
    list.digest = contentDigest(std::span<const std::uint8_t>(
        reinterpret_cast<const std::uint8_t*>(content.constData()), static_cast<std::size_t>(content.size())));
    return list;
}

}  // namespace kiosk::members::detail
