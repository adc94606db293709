// Names for the demo data: real Beijing municipal agencies, common departments, and the name
// pools the seeder draws staff names from. Codes follow the agencies' order ('11001' … '11026').

export const COMMITTEE = { code: '000', name: '北京市人民政府机关事务管理委员会', shortName: '机关事务管委会' };

/** [name, short name, classified (涉密)] in unit-code order: unit NN is entry NN. */
export const DEMO_UNITS: [string, string, boolean][] = [
  ['北京市发展和改革委员会', '市发展改革委', false],
  ['北京市财政局', '市财政局', false],
  ['北京市教育委员会', '市教委', false],
  ['北京市科学技术委员会', '市科委', false],
  ['北京市经济和信息化局', '市经济和信息化局', false],
  ['北京市民族宗教事务委员会', '市民族宗教委', false],
  ['北京市公安局', '市公安局', true],
  ['北京市民政局', '市民政局', false],
  ['北京市司法局', '市司法局', false],
  ['北京市人力资源和社会保障局', '市人力资源社会保障局', false],
  ['北京市规划和自然资源委员会', '市规划自然资源委', false],
  ['北京市生态环境局', '市生态环境局', false],
  ['北京市住房和城乡建设委员会', '市住房城乡建设委', false],
  ['北京市城市管理委员会', '市城市管理委', false],
  ['北京市交通委员会', '市交通委', false],
  ['北京市水务局', '市水务局', false],
  ['北京市农业农村局', '市农业农村局', false],
  ['北京市商务局', '市商务局', false],
  ['北京市文化和旅游局', '市文化和旅游局', false],
  ['北京市卫生健康委员会', '市卫生健康委', false],
  ['北京市退役军人事务局', '市退役军人事务局', false],
  ['北京市应急管理局', '市应急管理局', false],
  ['北京市审计局', '市审计局', false],
  ['北京市人民政府办公厅', '市政府办公厅', true],
  ['北京市市场监督管理局', '市市场监管局', false],
  ['北京市统计局', '市统计局', false],
];

/** 市政府办公厅 hosts the municipal leaders (市级正职/副职). */
export const MUNICIPAL_UNIT_CODE = '11024';

export const DEPARTMENTS = [
  '办公室',
  '人事处',
  '财务处',
  '政策法规处',
  '综合规划处',
  '机关党委',
  '信息化处',
  '宣传教育处',
  '督查审计处',
  '行政服务处',
];
export const COMMITTEE_DEPARTMENTS = ['办公室', '资产管理处', '财务处', '房地产管理处', '信息中心', '综合服务处'];

// Common surnames, the most frequent listed twice so they turn up about as often as in life.
export const SURNAMES =
  '王李张刘陈杨赵黄周吴王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  );
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏宇浩婷雪琳晨欣博志海峰斌春红玉兰亮林东晓丹宁飞凯毅俊瑞嘉佳颖思悦雨子宏新立永健荣成慧莉燕萍鑫帆阳'.split(
    '',
  );

export interface CompoundPlan {
  code: string;
  name: string;
  address: string;
  buildings: { code: string; name: string; floors: number; basement?: boolean }[];
}

export const COMPOUNDS: CompoundPlan[] = [
  {
    code: 'C01',
    name: '中环办公区',
    address: '北京市东城区正义路2号',
    buildings: [
      { code: 'A', name: '1号楼', floors: 12, basement: true },
      { code: 'B', name: '2号楼', floors: 10 },
      { code: 'C', name: '3号楼', floors: 8 },
    ],
  },
  {
    code: 'C02',
    name: '槐柏树街办公区',
    address: '北京市西城区槐柏树街2号',
    buildings: [
      { code: 'A', name: '1号楼', floors: 9 },
      { code: 'B', name: '2号楼', floors: 7 },
    ],
  },
  { code: 'C03', name: '车公庄大街办公区', address: '北京市西城区车公庄大街9号', buildings: [{ code: 'A', name: '主楼', floors: 10 }] },
  { code: 'C04', name: '西直门南大街办公区', address: '北京市西城区西直门南大街16号', buildings: [{ code: 'A', name: 'A座', floors: 8 }] },
  { code: 'C05', name: '永定门办公区', address: '北京市东城区永定门内大街5号', buildings: [{ code: 'A', name: '1号楼', floors: 6 }] },
];

export const SMALL_COMPOUNDS: CompoundPlan[] = [
  { code: 'C01', name: '中环办公区', address: '北京市东城区正义路2号', buildings: [{ code: 'A', name: '1号楼', floors: 2 }] },
];

export const DEMO_PASSWORD = 'Gongwu@2026';
