'use strict';

/**
 * A synthetic newsroom archive in the import format (docs/import-export.md), deterministic for
 * a given seed: trilingual titles and bodies, 10–30 institutions per article, 40% reprints.
 * Pure: returns records, writes nothing.
 */

/** mulberry32: small, fast, seedable. */
const random = (seed) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const CITIES = [
  ['沈阳', 'Shenyang', 'Шэньян'], ['大连', 'Dalian', 'Далянь'], ['鞍山', 'Anshan', 'Аньшань'], ['抚顺', 'Fushun', 'Фушунь'],
  ['本溪', 'Benxi', 'Бэньси'], ['丹东', 'Dandong', 'Даньдун'], ['锦州', 'Jinzhou', 'Цзиньчжоу'], ['营口', 'Yingkou', 'Инкоу'],
  ['阜新', 'Fuxin', 'Фусинь'], ['辽阳', 'Liaoyang', 'Ляоян'], ['盘锦', 'Panjin', 'Паньцзинь'], ['铁岭', 'Tieling', 'Телин'],
  ['朝阳', 'Chaoyang', 'Чаоян'], ['葫芦岛', 'Huludao', 'Хулудао'],
];
const FIELDS = [
  ['理工', 'Technology', 'технологический'], ['师范', 'Education', 'педагогический'], ['医科', 'Medicine', 'медицинский'],
  ['财经', 'Finance and Economics', 'финансово-экономический'], ['农业', 'Agriculture', 'сельскохозяйственный'],
  ['外国语', 'Foreign Studies', 'лингвистический'], ['艺术', 'Arts', 'художественный'], ['体育', 'Sport', 'спортивный'],
  ['海洋', 'Ocean Sciences', 'океанологический'], ['建筑', 'Architecture', 'архитектурный'], ['交通', 'Transport', 'транспортный'],
  ['化工', 'Chemical Technology', 'химико-технологический'],
];
const TOPICS = [
  ['创新创业', 'innovation and entrepreneurship', 'инновации и предпринимательство'],
  ['人工智能', 'artificial intelligence', 'искусственный интеллект'],
  ['乡村振兴', 'rural revitalization', 'возрождение села'],
  ['国际交流', 'international exchange', 'международный обмен'],
  ['绿色发展', 'green development', 'зелёное развитие'],
  ['数字经济', 'the digital economy', 'цифровая экономика'],
  ['学科建设', 'discipline building', 'развитие дисциплин'],
  ['就业指导', 'career guidance', 'профориентация'],
  ['科研成果', 'research results', 'научные результаты'],
  ['校企合作', 'university–industry cooperation', 'сотрудничество вузов и предприятий'],
];
const EVENTS = [
  ['研讨会', 'Seminar', 'семинар'], ['论坛', 'Forum', 'форум'], ['工作会议', 'Work Conference', 'рабочее совещание'],
  ['大赛', 'Competition', 'конкурс'], ['培训班', 'Training Course', 'учебный курс'], ['开放日', 'Open Day', 'день открытых дверей'],
];
const SENTENCES = [
  ['会议围绕{t}进行了深入交流，与会代表分享了各自的经验和做法。', 'Participants exchanged views on {t} and shared their experience and practices.', 'Участники обменялись мнениями по теме «{t}» и поделились опытом и практиками.'],
  ['各高校将进一步完善工作机制，推动{t}取得新进展。', 'The universities will further improve their working mechanisms and advance {t}.', 'Вузы продолжат совершенствовать рабочие механизмы и продвигать направление «{t}».'],
  ['活动吸引了来自全省多所高校的师生参加。', 'The event drew teachers and students from many universities across the province.', 'Мероприятие собрало преподавателей и студентов многих вузов провинции.'],
  ['专家学者结合实际案例，对相关政策进行了解读。', 'Experts explained the relevant policies with practical cases.', 'Эксперты разъяснили соответствующую политику на практических примерах.'],
  ['与会人员表示，将以此次活动为契机，加强交流合作。', 'Participants said they would use the occasion to strengthen exchange and cooperation.', 'Участники заявили, что используют эту возможность для укрепления обменов и сотрудничества.'],
  ['下一步，学校将持续深化改革，提升人才培养质量。', 'Next, the university will keep deepening reform and improving the quality of education.', 'Далее университет продолжит углублять реформы и повышать качество подготовки кадров.'],
];
const SECTIONS = ['news', 'media-coverage', 'notices', 'events', 'research'];
const LICENSES = ['cc-by-4.0', 'statutory-news-exception', 'all-rights-reserved-with-permission', 'cc-by-sa-4.0'];
const SOURCE_KINDS = ['news-agency', 'newspaper', 'online-media', 'broadcaster', 'university-media', 'government'];

const pad = (n, width) => String(n).padStart(width, '0');
const isoDate = (day) => new Date(Date.UTC(2015, 0, 1) + day * 86400000).toISOString().slice(0, 10);

const scale = (articles) => ({
  institutions: Math.max(30, Math.min(500, Math.round(articles * 0.05))),
  sources: Math.max(10, Math.min(300, Math.round(articles * 0.03))),
});

/**
 * @param {{ articles: number, seed?: number, institutions?: number, sources?: number }} options
 * @param {(record: object) => void} emit receives records in import order
 */
const generateDataset = (options, emit) => {
  const rand = random(options.seed ?? 2025);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const int = (min, max) => min + Math.floor(rand() * (max - min + 1));
  const sizes = { ...scale(options.articles), ...(options.institutions ? { institutions: options.institutions } : {}), ...(options.sources ? { sources: options.sources } : {}) };

  const institutionKeys = [];
  for (let i = 1; i <= sizes.institutions; i += 1) {
    const city = pick(CITIES);
    const field = pick(FIELDS);
    const key = `gen-institution-${pad(i, 4)}`;
    institutionKeys.push(key);
    const college = rand() < 0.3;
    emit({
      type: 'institution',
      key,
      publish: true,
      shared: { kind: college ? 'college' : 'university', country: 'CN', website: `https://www.inst-${pad(i, 4)}.example.edu/` },
      relations: { parent: null },
      locales: {
        'zh-Hans': { name: `${city[0]}${field[0]}${college ? '学院' : '大学'}${i}`, shortName: `${city[0]}${i}`, city: city[0], province: '辽宁省' },
        en: { name: `${city[1]} ${college ? 'College' : 'University'} of ${field[1]} No. ${i}`, shortName: `${city[1].slice(0, 3).toUpperCase()}${i}`, city: city[1], province: 'Liaoning Province' },
        ru: { name: `${city[2]}ский ${field[2]} ${college ? 'колледж' : 'университет'} № ${i}`, shortName: `${city[1].slice(0, 3).toUpperCase()}${i}`, city: city[2], province: 'провинция Ляонин' },
      },
    });
  }

  const sourceKeys = [];
  for (let i = 1; i <= sizes.sources; i += 1) {
    const city = pick(CITIES);
    const key = `gen-source-${pad(i, 4)}`;
    sourceKeys.push(key);
    emit({
      type: 'source',
      key,
      publish: true,
      shared: { kind: pick(SOURCE_KINDS), homepage: `https://news-${pad(i, 4)}.example.com/`, country: 'CN' },
      relations: { institution: null },
      locales: {
        'zh-Hans': { name: `${city[0]}新闻网${i}`, shortName: `${city[0]}网${i}` },
        en: { name: `${city[1]} News Network ${i}`, shortName: `${city[1]} News ${i}` },
        ru: { name: `Новостная сеть ${city[2]} ${i}`, shortName: `${city[1]} News ${i}` },
      },
    });
  }

  for (let i = 1; i <= options.articles; i += 1) {
    const topic = pick(TOPICS);
    const event = pick(EVENTS);
    const city = pick(CITIES);
    const day = int(0, 3900);
    const date = isoDate(day);
    const count = Math.min(institutionKeys.length, int(10, 30));
    const chosen = new Set();
    while (chosen.size < count) chosen.add(pick(institutionKeys));
    const institutions = [...chosen];
    const reprint = rand() < 0.4;
    const paragraphs = int(3, 6);
    const body = [[], [], []];
    for (let p = 0; p < paragraphs; p += 1) {
      const sentences = [pick(SENTENCES), pick(SENTENCES), pick(SENTENCES)];
      body.forEach((text, lang) => text.push(sentences.map((s) => s[lang].replace('{t}', topic[lang])).join(lang === 0 ? '' : ' ')));
    }
    const titles = [
      `${city[0]}举办${topic[0]}${event[0]}（${i}）`,
      `${city[1]} Hosts ${event[1]} on ${topic[1].replace(/^\w/, (c) => c.toUpperCase())} (${i})`,
      `В городе ${city[2]} прошёл ${event[2]}: ${topic[2]} (${i})`,
    ];
    const locales = { 'zh-Hans': {}, en: {}, ru: {} };
    Object.keys(locales).forEach((code, lang) => {
      locales[code] = { title: titles[lang], summary: body[lang][0].slice(0, 200), body: body[lang] };
    });
    const record = {
      type: 'article',
      key: `gen-article-${pad(i, 6)}`,
      publish: true,
      shared: { date, section: reprint ? 'media-coverage' : pick(SECTIONS) },
      relations: { source: reprint ? pick(sourceKeys) : null, institutions, hostInstitution: institutions[0] },
      locales,
    };
    if (reprint) {
      const license = pick(LICENSES);
      const original = {
        isReprint: true,
        originalTitle: titles[0],
        originalUrl: `https://news-${pad(i % 997, 4)}.example.com/${date.replace(/-/g, '/')}/${i}.html`,
        originalAuthors: '张伟',
        originalPublishedAt: isoDate(Math.max(0, day - int(0, 3))),
        originalLanguage: 'zh-Hans',
        license,
        ...(license === 'all-rights-reserved-with-permission'
          ? { permissionReference: `PERM-${i}`, permissionGrantedBy: 'Rights desk', permissionExpiresAt: '2030-12-31' }
          : {}),
      };
      // The responsible editor is a person (cn-internet-news), named as each edition writes names.
      locales['zh-Hans'].reprint = { ...original, reprintType: 'full', responsibleEditor: '李明' };
      locales.en.reprint = { ...original, reprintType: 'translation', responsibleEditor: 'Li Ming' };
      locales.ru.reprint = { ...original, reprintType: 'translation', responsibleEditor: 'Ли Мин' };
    } else {
      for (const code of Object.keys(locales)) locales[code].reprint = { isReprint: false };
    }
    emit(record);
  }
  return sizes;
};

module.exports = { generateDataset, random, scale };
