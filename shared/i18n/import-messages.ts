/**
 * What an import shows that the field labels do not say: the targets a column can go to that are no
 * declared field (a first name, a contact's email label, an id in the other tool), and the problems of a
 * cell that cannot be read (CellProblem codes of db/import/mapped-row.ts), in each UI language.
 */
export const importMessagesEn = {
  'import.target.firstName': 'First name',
  'import.target.middleName': 'Middle name or patronymic',
  'import.target.lastName': 'Last name',
  'import.target.emailLabel': 'Email label',
  'import.target.phoneLabel': 'Phone label',
  'import.target.externalId': 'ID in the other tool',
  'import.target.tags': 'Tags',
  'import.target.currency': 'Currency',
  'import.target.cost': 'Cost',
  'import.target.durationMinutes': 'Duration, minutes',
  'import.target.birthYear': 'Year of birth',
  'import.target.birthMonth': 'Month of birth',
  'import.target.birthDay': 'Day of birth',
  'import.problem.invalid_date':
    'Not a date Rapport can read. Write it as 2026-03-31, or choose the column’s date format.',
  'import.problem.ambiguous_date':
    'This date reads two ways (05/06/2026 is 5 June or 6 May). Choose whether the column writes the day or the month first.',
  'import.problem.invalid_number': 'Not a number Rapport can read. Write it in digits, such as 1250.50.',
  'import.problem.ambiguous_number':
    'This number reads two ways (1.234 is a thousand or one and a bit). Choose the column’s number format.',
  'import.problem.invalid_email': 'Not an email address. Write it as name@example.com.',
  'import.problem.invalid_phone': 'Not a phone number. Write 5 to 15 digits, such as +7 701 123 4567.',
  'import.problem.unknown_currency':
    'Unknown currency. Use a code such as KZT, RUB, USD or EUR, or choose a default currency.',
  'import.problem.unknown_choice': 'Not one of the values this field takes. Use one of those offered.',
  'import.problem.too_long': 'Too long for this field. Shorten it in the file; Rapport does not cut it.',
  'import.problem.missing_name': 'This row has no name. Fill in the name, or map the column that holds it.',
  'import.problem.missing_client':
    'This row names no client. Fill in the client’s name, its ID in the other tool or a contact’s email.',
  'import.problem.invalid_value': 'This value cannot be imported into this field.',
} as const;

export const importMessagesRu = {
  'import.target.firstName': 'Имя',
  'import.target.middleName': 'Отчество или второе имя',
  'import.target.lastName': 'Фамилия',
  'import.target.emailLabel': 'Тип эл. почты',
  'import.target.phoneLabel': 'Тип телефона',
  'import.target.externalId': 'ID в другой программе',
  'import.target.tags': 'Метки',
  'import.target.currency': 'Валюта',
  'import.target.cost': 'Себестоимость',
  'import.target.durationMinutes': 'Длительность, минут',
  'import.target.birthYear': 'Год рождения',
  'import.target.birthMonth': 'Месяц рождения',
  'import.target.birthDay': 'День рождения (число)',
  'import.problem.invalid_date':
    'Rapport не может прочитать эту дату. Запишите её как 2026-03-31 или выберите формат дат столбца.',
  'import.problem.ambiguous_date':
    'Дату можно прочитать двумя способами (05/06/2026 — 5 июня или 6 мая). Укажите, что в столбце идёт первым: день или месяц.',
  'import.problem.invalid_number':
    'Rapport не может прочитать это число. Запишите его цифрами, например 1250,50.',
  'import.problem.ambiguous_number':
    'Число можно прочитать двумя способами (1.234 — тысяча с лишним или единица с небольшим). Выберите формат чисел столбца.',
  'import.problem.invalid_email': 'Это не адрес эл. почты. Запишите его как name@example.com.',
  'import.problem.invalid_phone': 'Это не номер телефона. Нужно от 5 до 15 цифр, например +7 701 123 4567.',
  'import.problem.unknown_currency':
    'Неизвестная валюта. Укажите код, например KZT, RUB, USD или EUR, или выберите валюту по умолчанию.',
  'import.problem.unknown_choice': 'Такого значения у этого поля нет. Используйте одно из предложенных.',
  'import.problem.too_long':
    'Слишком длинно для этого поля. Сократите текст в файле: Rapport его не обрезает.',
  'import.problem.missing_name':
    'В строке нет имени. Заполните его или сопоставьте столбец, в котором оно есть.',
  'import.problem.missing_client':
    'В строке не указан клиент. Заполните название клиента, его ID в другой программе или эл. почту контакта.',
  'import.problem.invalid_value': 'Это значение нельзя импортировать в это поле.',
} as const;

export const importMessagesKk = {
  'import.target.firstName': 'Аты',
  'import.target.middleName': 'Әкесінің аты немесе екінші есімі',
  'import.target.lastName': 'Тегі',
  'import.target.emailLabel': 'Эл. пошта түрі',
  'import.target.phoneLabel': 'Телефон түрі',
  'import.target.externalId': 'Басқа бағдарламадағы ID',
  'import.target.tags': 'Белгілер',
  'import.target.currency': 'Валюта',
  'import.target.cost': 'Өзіндік құны',
  'import.target.durationMinutes': 'Ұзақтығы, минут',
  'import.target.birthYear': 'Туған жылы',
  'import.target.birthMonth': 'Туған айы',
  'import.target.birthDay': 'Туған күні (сан)',
  'import.problem.invalid_date':
    'Rapport бұл күнді оқи алмайды. Оны 2026-03-31 түрінде жазыңыз немесе бағанның күн пішімін таңдаңыз.',
  'import.problem.ambiguous_date':
    'Бұл күнді екі түрлі оқуға болады (05/06/2026 — 5 маусым не 6 мамыр). Бағанда алдымен күн ме, ай ма, соны таңдаңыз.',
  'import.problem.invalid_number': 'Rapport бұл санды оқи алмайды. Оны цифрмен жазыңыз, мысалы 1250,50.',
  'import.problem.ambiguous_number':
    'Бұл санды екі түрлі оқуға болады (1.234 — мыңнан асса да, бірден сәл асса да). Бағанның сан пішімін таңдаңыз.',
  'import.problem.invalid_email': 'Бұл эл. пошта мекенжайы емес. Оны name@example.com түрінде жазыңыз.',
  'import.problem.invalid_phone':
    'Бұл телефон нөмірі емес. 5-тен 15-ке дейін цифр жазыңыз, мысалы +7 701 123 4567.',
  'import.problem.unknown_currency':
    'Белгісіз валюта. KZT, RUB, USD немесе EUR сияқты кодты жазыңыз немесе әдепкі валютаны таңдаңыз.',
  'import.problem.unknown_choice': 'Бұл өрісте мұндай мән жоқ. Ұсынылғандардың бірін пайдаланыңыз.',
  'import.problem.too_long': 'Бұл өріс үшін тым ұзын. Мәтінді файлда қысқартыңыз: Rapport оны қимайды.',
  'import.problem.missing_name':
    'Бұл жолда атау жоқ. Оны толтырыңыз немесе атауы бар бағанды сәйкестендіріңіз.',
  'import.problem.missing_client':
    'Бұл жолда клиент көрсетілмеген. Клиенттің атауын, басқа бағдарламадағы ID-ін немесе байланыстың эл. поштасын толтырыңыз.',
  'import.problem.invalid_value': 'Бұл мәнді бұл өріске импорттауға болмайды.',
} as const;
