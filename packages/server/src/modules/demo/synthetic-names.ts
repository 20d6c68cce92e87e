/**
 * Synthetic names: short lists of common given and family names of the main countries of origin, written as people
 * there write them (Cyrillic, Han, Thai, Devanagari, Arabic and Ge'ez scripts included), so that search through the
 * transliterating blind index is exercised as in the field. Combined at random: no list here names a real person.
 */

export interface NamePool {
  readonly feminine: readonly string[];
  readonly masculine: readonly string[];
  readonly family: readonly string[];
  /** Family names with a feminine form (Slavic languages); same order as `family`. */
  readonly familyFeminine?: readonly string[];
  /** Relative frequency of each family name (default: equal); same order as `family`. */
  readonly familyWeights?: readonly number[];
}

const european: NamePool = {
  feminine: ['Anna', 'Laura', 'Sofia', 'Emma', 'Julia', 'Sara', 'Nina', 'Lena', 'Clara', 'Marta', 'Eva', 'Hanna'],
  masculine: ['Daniel', 'David', 'Lukas', 'Martin', 'Peter', 'Thomas', 'Jonas', 'Marco', 'Paul', 'Simon'],
  family: ['Meyer', 'Novak', 'Schmidt', 'Horvat', 'Jansen', 'Berger', 'Keller', 'Weber', 'Larsen', 'Moreau', 'Rossi', 'Fischer'],
};

export const namePools: Record<string, NamePool> = {
  national: european,
  NG: {
    feminine: ['Blessing', 'Joy', 'Precious', 'Favour', 'Chioma', 'Ngozi', 'Amaka', 'Funmilayo', 'Aisha', 'Esther', 'Gift', 'Mercy'],
    masculine: ['Emeka', 'Chinedu', 'Oluwaseun', 'Ibrahim', 'Tunde', 'Samuel', 'Uche', 'Musa'],
    family: ['Okafor', 'Adeyemi', 'Eze', 'Okonkwo', 'Balogun', 'Ogunleye', 'Nwosu', 'Bello', 'Obi', 'Abubakar', 'Osagie', 'Igbinedion'],
    familyWeights: [3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 3, 2],
  },
  GH: {
    feminine: ['Akosua', 'Abena', 'Ama', 'Efua', 'Adwoa', 'Yaa'],
    masculine: ['Kwame', 'Kofi', 'Kwabena', 'Yaw', 'Kwaku'],
    family: ['Mensah', 'Owusu', 'Boateng', 'Asante', 'Osei', 'Agyeman'],
  },
  RO: {
    feminine: ['Ioana', 'Maria', 'Elena', 'Andreea', 'Mihaela', 'Ana', 'Florentina', 'Alina', 'Cristina'],
    masculine: ['Ion', 'Andrei', 'Mihai', 'Vasile', 'Gheorghe', 'Florin', 'Marius'],
    family: ['Popescu', 'Ionescu', 'Popa', 'Rusu', 'Munteanu', 'Ciobanu', 'Stan', 'Dumitru', 'Lungu', 'Țurcanu'],
    familyWeights: [3, 2, 2, 2, 1, 1, 1, 1, 1, 1],
  },
  UA: {
    feminine: ['Олена', 'Оксана', 'Наталія', 'Ірина', 'Юлія', 'Тетяна', 'Світлана', 'Марія'],
    masculine: ['Олександр', 'Андрій', 'Сергій', 'Іван', 'Дмитро', 'Богдан'],
    family: ['Коваленко', 'Шевченко', 'Бондаренко', 'Ткаченко', 'Мельник', 'Кравченко', 'Бойко', 'Савчук'],
  },
  BG: {
    feminine: ['Мария', 'Иванка', 'Елена', 'Десислава', 'Гергана', 'Цветелина'],
    masculine: ['Георги', 'Иван', 'Димитър', 'Николай', 'Стоян'],
    family: ['Иванов', 'Георгиев', 'Димитров', 'Петров', 'Николов', 'Стоянов'],
    familyFeminine: ['Иванова', 'Георгиева', 'Димитрова', 'Петрова', 'Николова', 'Стоянова'],
  },
  AL: {
    feminine: ['Elira', 'Arta', 'Blerta', 'Anila', 'Flutura', 'Jonida', 'Erjona'],
    masculine: ['Arben', 'Besnik', 'Ilir', 'Gentian', 'Erion'],
    family: ['Hoxha', 'Shehu', 'Krasniqi', 'Gashi', 'Berisha', 'Leka', 'Dervishi'],
  },
  VN: {
    feminine: ['Thị Mai', 'Thị Hoa', 'Thu Hà', 'Ngọc Anh', 'Thị Lan', 'Thị Hương', 'Phương Linh'],
    masculine: ['Văn Long', 'Văn Nam', 'Minh Tuấn', 'Đức Anh', 'Văn Hùng', 'Quốc Bảo'],
    family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'],
    familyWeights: [38, 11, 10, 7, 5, 4, 2, 2],
  },
  CN: {
    feminine: ['芳', '丽', '静', '敏', '秀英', '婷'],
    masculine: ['伟', '强', '磊', '军', '勇', '杰'],
    family: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵'],
  },
  TH: {
    feminine: ['สมหญิง', 'มาลี', 'ศิริพร', 'วันเพ็ญ', 'นภา'],
    masculine: ['สมชาย', 'ประเสริฐ', 'สมศักดิ์', 'วิชัย'],
    family: ['แสงทอง', 'ศรีสุข', 'บุญมา', 'สุขสวัสดิ์', 'ทองดี'],
  },
  PH: {
    feminine: ['Maria', 'Rosalie', 'Jocelyn', 'Mary Grace', 'Lorna', 'Analyn', 'Marites'],
    masculine: ['Jose', 'Mark', 'Rodel', 'Jonathan', 'Ramon'],
    family: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Dela Cruz'],
  },
  IN: {
    feminine: ['प्रिया', 'सुनीता', 'पूजा', 'अनीता', 'Priya', 'Lakshmi'],
    masculine: ['राजेश', 'अमित', 'सुरेश', 'Rajesh', 'Arjun'],
    family: ['शर्मा', 'कुमार', 'सिंह', 'यादव', 'Kumar', 'Singh', 'Patel'],
  },
  SY: {
    feminine: ['فاطمة', 'مريم', 'نور', 'ريم', 'Fatima', 'Nour'],
    masculine: ['محمد', 'أحمد', 'عمر', 'خالد', 'Mohammad', 'Omar'],
    family: ['الأحمد', 'الخطيب', 'حداد', 'العلي', 'Haddad', 'Al-Khatib'],
  },
  MA: {
    feminine: ['Fatima Zahra', 'Khadija', 'Salma', 'Imane', 'Houda'],
    masculine: ['Youssef', 'Mohamed', 'Hamza', 'Rachid', 'Karim'],
    family: ['El Amrani', 'Benali', 'Alaoui', 'Bennani', 'Tazi', 'El Idrissi'],
  },
  ER: {
    feminine: ['ሰላም', 'ሃና', 'ሳባ', 'ሚልኪ', 'Selam', 'Saba'],
    masculine: ['ዳዊት', 'ዮናስ', 'ተስፋይ', 'Dawit', 'Yonas'],
    family: ['ገብረሚካኤል', 'ተኽለ', 'ሃብተ', 'Tesfay', 'Gebremichael', 'Habte'],
  },
  BR: {
    feminine: ['Ana', 'Juliana', 'Fernanda', 'Beatriz', 'Camila'],
    masculine: ['João', 'Lucas', 'Gabriel', 'Rafael'],
    family: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa'],
  },
  CO: {
    feminine: ['Lucía', 'Valentina', 'Camila', 'Daniela', 'Paola'],
    masculine: ['Carlos', 'Andrés', 'Juan Pablo', 'Santiago'],
    family: ['García', 'Rodríguez', 'Martínez', 'Fernández', 'López', 'Gómez'],
  },
};

/** Romania and Moldova share names. */
export const poolOfCitizenship = (code: string, homeCountry: string): NamePool =>
  code === homeCountry ? european : (namePools[code === 'MD' ? 'RO' : code] ?? european);

/** Nicknames for people known only by an alias at intake. */
export const aliases = ['Rose', 'Star', 'Mimi', 'Lulu', 'Angel', 'Coco', 'Baby', 'Kiki', 'Sunny', 'Tiger', 'Joe', 'Small'] as const;

/** The most common family name of the lists (Nguyễn, about four in ten Vietnamese): the benchmark searches it. */
export const COMMON_SYNTHETIC_NAME = 'Nguyen';
