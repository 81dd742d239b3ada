import { zonedToUtc } from "~/utils/zoned-time";
import { db } from "~/utils/db.server";

/**
 * Demo data of the programme area, loaded after the organizations, people and
 * conference of seed.server.ts: a plausible one-day programme for Beijing on
 * 27 September 2025 (Asia/Shanghai). The session texts are our own summaries
 * of the published facts; speaker names other than the minister are invented.
 */
const ZONE = "Asia/Shanghai";
const at = (hm: string) => zonedToUtc(`2025-09-27T${hm}`, ZONE)!;

export async function seedProgrammeDemo({ conferenceId }: { conferenceId: string }) {
  const client = db();
  if ((await client.programmeSession.count({ where: { conferenceId } })) > 0) return;
  await client.$transaction(async (tx) => {
    const room = (name: string, nameZh: string, capacity: number, position: number, notes?: string) =>
      tx.room.create({ data: { conferenceId, name, nameZh, capacity, position, notes } });
    const hall = await room("Main Hall", "主会场", 800, 0, "Ground floor, step-free access from the north entrance.");
    const roomA = await room("Room A", "A 厅", 120, 1, "Second floor, lift beside the registration desk.");
    const roomB = await room("Room B", "B 厅", 120, 2, "Second floor.");
    const track = (name: string, nameZh: string, colour: string, position: number) =>
      tx.track.create({ data: { conferenceId, name, nameZh, colour, position } });
    const quality = await track("Quality standards", "质量标准", "#1e3a8a", 0);
    const ai = await track("Engineering education in the age of AI", "智能时代的工程教育", "#166534", 1);
    const networks = await track("Cooperation networks", "合作网络", "#9a3412", 2);
    const organizer = await tx.user.findUnique({ where: { email: "organizer@concord.test" }, select: { id: true } });
    // The demo reviewer reviews every track: without an assignment the REVIEWER role opens no review page.
    const reviewer = await tx.user.findUnique({ where: { email: "reviewer@concord.test" }, select: { id: true } });
    if (reviewer)
      await tx.reviewerAssignment.createMany({ data: [quality, ai, networks].map((t) => ({ trackId: t.id, userId: reviewer.id })) });
    const speaker = (nameLatin: string, nameNative: string | null, position: string, organization: string, bio: string, bioZh: string) =>
      tx.speaker.create({ data: { conferenceId, nameLatin, nameNative, position, organization, bio, bioZh } });
    const minister = await speaker(
      "Huai Jinpeng",
      "怀进鹏",
      "Minister of Education",
      "Ministry of Education of the People's Republic of China",
      "Minister of Education of China.",
      "中华人民共和国教育部部长。",
    );
    const chair = await speaker(
      "Wang Min",
      "王敏",
      "Programme director",
      "China Association for Science and Technology",
      "Chairs the opening and the signing ceremony.",
      "主持开幕式和签约仪式。",
    );
    const hughes = await speaker(
      "Margaret Hughes",
      null,
      "Chair",
      "International Engineering Alliance",
      "Works on the international recognition of engineering qualifications.",
      "致力于推动工程资格的国际互认。",
    );
    const chen = await speaker(
      "Chen Hua",
      "陈华",
      "Secretary-General",
      "China Engineering Education Accreditation Association",
      "Leads accreditation of engineering programmes in China.",
      "负责中国工程教育的专业认证工作。",
    );
    const puig = await speaker(
      "Jordi Puig",
      null,
      "Vice-Rector for Internationalisation",
      "Polytechnic University of Valencia",
      "Builds exchange programmes with Chinese universities.",
      "与中国高校共建交流项目。",
    );
    const wanjiru = await speaker(
      "Amina Wanjiru",
      null,
      "Lecturer in Civil Engineering",
      "University of Nairobi",
      "Teaches design studios in civil engineering.",
      "在土木工程专业讲授设计课程。",
    );
    const liu = await speaker(
      "Liu Yang",
      "刘洋",
      "Director of International Affairs",
      "Beihang University",
      "Coordinates Beihang's partnerships abroad.",
      "负责北航与海外伙伴的合作。",
    );
    if (organizer)
      await tx.speaker.update({
        where: { id: chair.id },
        data: { userId: organizer.id, email: "organizer@concord.test", invitation: "ACCEPTED" },
      });
    type S = {
      title: string;
      titleZh: string;
      abstract: string;
      abstractZh?: string;
      kind: "KEYNOTE" | "PLENARY" | "PANEL" | "PAPER_SESSION" | "WORKSHOP" | "SIGNING_CEREMONY" | "BREAK";
      room: string | null;
      track?: string;
      start: string;
      end: string;
      language?: string;
      speakers?: [string, "SPEAKER" | "CO_SPEAKER" | "MODERATOR" | "PANELIST" | "CHAIR"][];
      capacity?: number;
    };
    const sessions: S[] = [
      {
        title: "Opening ceremony and address by the Minister of Education",
        titleZh: "开幕式暨教育部部长致辞",
        abstract:
          "The minister describes how China trains engineers by joining science with education and industry with education, and proposes three initiatives for international cooperation: shared quality standards that lead to excellence, new paths of reform for the age of intelligence, and an open cooperation network.",
        abstractZh:
          "部长介绍中国如何推动科教融汇、产教融合培养工程师，并就国际合作提出三项倡议：以共同的质量标准引领卓越，探索智能时代的改革新路径，构建开放的合作网络。",
        kind: "PLENARY",
        room: hall.id,
        start: "09:00",
        end: "09:40",
        language: "zh",
        speakers: [
          [minister.id, "SPEAKER"],
          [chair.id, "CHAIR"],
        ],
      },
      {
        title: "Keynote: mutual recognition beyond the first degree",
        titleZh: "主旨报告：本科之后的互认",
        abstract:
          "Why master's and doctoral engineering education still lacks a shared international benchmark, and what a recognition agreement at that level would need.",
        abstractZh: "为什么硕士和博士层次的工程教育仍缺少共同的国际基准，以及这一层次的互认协议需要具备哪些条件。",
        kind: "KEYNOTE",
        room: hall.id,
        track: quality.id,
        start: "09:50",
        end: "10:30",
        language: "en",
        speakers: [[hughes.id, "SPEAKER"]],
      },
      {
        title: "Keynote: accreditation as continuous improvement",
        titleZh: "主旨报告：以持续改进为核心的专业认证",
        abstract: "Outcome-based accreditation puts graduates' abilities at the centre of curricula, staffing and facilities.",
        abstractZh: "以成果为导向的认证把毕业生的能力置于课程、师资和设施建设的中心。",
        kind: "KEYNOTE",
        room: hall.id,
        track: quality.id,
        start: "10:30",
        end: "11:10",
        language: "zh",
        speakers: [[chen.id, "SPEAKER"]],
      },
      { title: "Coffee break", titleZh: "茶歇", abstract: "", kind: "BREAK", room: null, start: "11:10", end: "11:30" },
      {
        title: "Panel: engineering education in the age of artificial intelligence",
        titleZh: "圆桌：人工智能时代的工程教育",
        abstract: "Rectors and lecturers discuss what changes in engineering degrees when AI and the life sciences move this fast.",
        abstractZh: "人工智能和生命科学发展如此之快，工程学位教育要作出哪些改变？校长和教师们展开讨论。",
        kind: "PANEL",
        room: roomA.id,
        track: ai.id,
        start: "11:30",
        end: "12:30",
        language: "en",
        speakers: [
          [chair.id, "MODERATOR"],
          [puig.id, "PANELIST"],
          [wanjiru.id, "PANELIST"],
        ],
      },
      {
        title: "Paper session: industry and education working together",
        titleZh: "论文报告：产教融合",
        abstract: "Three case studies of universities teaching with industrial partners.",
        abstractZh: "三所高校与产业伙伴合作育人的案例研究。",
        kind: "PAPER_SESSION",
        room: roomB.id,
        track: networks.id,
        start: "11:30",
        end: "12:30",
        language: "zh",
        speakers: [[liu.id, "CHAIR"]],
      },
      { title: "Lunch", titleZh: "午餐", abstract: "", kind: "BREAK", room: null, start: "12:30", end: "14:00" },
      {
        title: "Workshop: designing capstone projects with partner universities",
        titleZh: "工作坊：与合作大学共同设计毕业设计项目",
        abstract: "Hands-on session on joint capstone projects; sign-up required.",
        abstractZh: "围绕联合毕业设计项目的实践课程，需提前报名。",
        kind: "WORKSHOP",
        room: roomA.id,
        track: networks.id,
        start: "14:00",
        end: "15:30",
        language: "en",
        speakers: [
          [wanjiru.id, "SPEAKER"],
          [puig.id, "CO_SPEAKER"],
        ],
        capacity: 40,
      },
      {
        title: "Signing of the joint declaration on mutual recognition of graduate engineering education",
        titleZh: "研究生层次工程教育国际互认联合宣言签署仪式",
        abstract:
          "The China Association for Science and Technology, the China Engineering Education Accreditation Association and the International Engineering Alliance sign a joint declaration to start work on an international recognition agreement for master's and doctoral engineering education.",
        abstractZh:
          "中国科学技术协会、中国工程教育专业认证协会和国际工程联盟签署联合宣言，启动硕士和博士层次工程教育国际互认协议的相关工作。",
        kind: "SIGNING_CEREMONY",
        room: hall.id,
        track: quality.id,
        start: "16:00",
        end: "16:30",
        language: "zh",
        speakers: [
          [chair.id, "CHAIR"],
          [hughes.id, "SPEAKER"],
          [chen.id, "SPEAKER"],
        ],
      },
      {
        title: "Signing of six bilateral cooperation agreements",
        titleZh: "六项双边合作协议签约",
        abstract:
          "Beihang, Beijing Jiaotong, Central South, South China University of Technology, Tongji and Chongqing universities sign agreements with partners in Spain, Brazil, Indonesia, Peru, Kenya and Laos on training excellent engineers together.",
        abstractZh:
          "北京航空航天大学、北京交通大学、中南大学、华南理工大学、同济大学和重庆大学与西班牙、巴西、印度尼西亚、秘鲁、肯尼亚和老挝的伙伴签署协议，合作培养卓越工程师。",
        kind: "SIGNING_CEREMONY",
        room: hall.id,
        track: networks.id,
        start: "16:30",
        end: "17:15",
        language: "zh",
        speakers: [
          [chair.id, "CHAIR"],
          [liu.id, "SPEAKER"],
          [puig.id, "SPEAKER"],
        ],
      },
    ];
    for (const s of sessions) {
      await tx.programmeSession.create({
        data: {
          conferenceId,
          title: s.title,
          titleZh: s.titleZh,
          abstract: s.abstract,
          abstractZh: s.abstractZh,
          kind: s.kind,
          roomId: s.room,
          trackId: s.track,
          startsAt: at(s.start),
          endsAt: at(s.end),
          // The demo's programme is released as it is (the draft and the released placement agree).
          releasedRoomId: s.room,
          releasedStartsAt: at(s.start),
          releasedEndsAt: at(s.end),
          releasedAt: new Date(),
          language: s.language ?? "en",
          status: "PUBLISHED",
          signupRequired: !!s.capacity,
          signupCapacity: s.capacity,
          speakers: { create: (s.speakers ?? []).map(([speakerId, role], position) => ({ speakerId, role, position })) },
        },
      });
    }
  });
}
