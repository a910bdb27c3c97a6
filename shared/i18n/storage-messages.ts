/**
 * What Rapport says when the disk, the file or the folder of its database fails it
 * (shared/api/storage-problem.ts), in each UI language: in the app and on the command line.
 */
export const storageMessagesEn = {
  'storage.openingTitle': 'Rapport cannot open its database',
  'storage.opening.emptyDatabase':
    '{{file}} is empty (0 bytes), but Rapport kept a database in this folder before, so your data may be ' +
    'in a backup. Rapport changed nothing and did not start a new empty database over it. Restore the ' +
    'newest backup, {{backup}}.',
  'storage.opening.readOnlyFile':
    'Rapport can read {{file}} but cannot write to it: the file is read-only. Nothing was changed. Give ' +
    'your user account permission to write to the file (or copy it off the read-only disk), then start ' +
    'Rapport again.',
  'storage.opening.readOnlyFolder':
    'Rapport cannot write in its data folder {{dataDir}}: the folder is read-only. Nothing was changed. ' +
    'Give your user account permission to write in that folder (or set RAPPORT_DATA_DIR to another ' +
    'folder), then start Rapport again.',
  'storage.opening.notAFile':
    '{{file}} is a folder, but Rapport keeps its database in a file of that name. Nothing was changed. ' +
    'Look inside that folder, move it elsewhere or rename it, or restore a backup, then start Rapport again.',
  'storage.opening.diskFull':
    'The disk that holds {{dataDir}} is full, so Rapport cannot open its database. Nothing was changed. ' +
    'Free some space on that disk, then start Rapport again.',
  'storage.writing.diskFull':
    'The disk is full, so this change was not saved: nothing of it was written, and everything saved ' +
    'before is safe. Free some space on the disk that holds {{dataDir}}, then try again.',
  'storage.writing.readOnly':
    'Rapport’s database has become read-only, so this change was not saved; everything saved before is ' +
    'safe. Check that your user account may write to {{file}} and its folder (and that the disk is not ' +
    'read-only), then try again.',
  'storage.restoreByCommand': 'From the command line: {{command}}',
  'storage.restoreNewest': 'Restore the newest backup',
  'storage.quitHint': 'Close Rapport, fix this, and open it again.',
} as const;

/** Russian. */
export const storageMessagesRu = {
  'storage.openingTitle': 'Rapport не может открыть свою базу данных',
  'storage.opening.emptyDatabase':
    'Файл {{file}} пуст (0 байт), хотя раньше в этой папке была база данных Rapport, так что ваши данные ' +
    'могут быть в резервной копии. Rapport ничего не изменил и не стал создавать поверх него новую пустую ' +
    'базу. Восстановите самую свежую резервную копию: {{backup}}.',
  'storage.opening.readOnlyFile':
    'Rapport может читать {{file}}, но не может в него записывать: файл доступен только для чтения. ' +
    'Ничего не изменено. Дайте своей учётной записи право записи в этот файл (или скопируйте его с диска, ' +
    'доступного только для чтения) и запустите Rapport снова.',
  'storage.opening.readOnlyFolder':
    'Rapport не может записывать в свою папку данных {{dataDir}}: папка доступна только для чтения. ' +
    'Ничего не изменено. Дайте своей учётной записи право записи в эту папку (или укажите другую папку ' +
    'в RAPPORT_DATA_DIR) и запустите Rapport снова.',
  'storage.opening.notAFile':
    '{{file}} — это папка, а Rapport хранит базу данных в файле с таким именем. Ничего не изменено. ' +
    'Посмотрите, что в этой папке, переместите или переименуйте её либо восстановите резервную копию, ' +
    'и запустите Rapport снова.',
  'storage.opening.diskFull':
    'Диск, на котором находится {{dataDir}}, заполнен, поэтому Rapport не может открыть базу данных. ' +
    'Ничего не изменено. Освободите место на этом диске и запустите Rapport снова.',
  'storage.writing.diskFull':
    'Диск заполнен, поэтому это изменение не сохранено: из него ничего не записано, а всё сохранённое ' +
    'раньше цело. Освободите место на диске, где находится {{dataDir}}, и попробуйте ещё раз.',
  'storage.writing.readOnly':
    'База данных Rapport стала доступна только для чтения, поэтому это изменение не сохранено; всё ' +
    'сохранённое раньше цело. Проверьте, что ваша учётная запись может записывать в {{file}} и его папку ' +
    '(и что диск не доступен только для чтения), и попробуйте ещё раз.',
  'storage.restoreByCommand': 'Из командной строки: {{command}}',
  'storage.restoreNewest': 'Восстановить самую свежую копию',
  'storage.quitHint': 'Закройте Rapport, устраните причину и откройте его снова.',
} as const satisfies Record<keyof typeof storageMessagesEn, string>;

/** Kazakh. */
export const storageMessagesKk = {
  'storage.openingTitle': 'Rapport дерекқорын аша алмайды',
  'storage.opening.emptyDatabase':
    '{{file}} файлы бос (0 байт), бірақ бұл қалтада бұрын Rapport дерекқоры болған, сондықтан деректеріңіз ' +
    'сақтық көшірмеде болуы мүмкін. Rapport ештеңе өзгертпеді және оның орнына жаңа бос дерекқор ' +
    'жасамады. Ең соңғы сақтық көшірмені қалпына келтіріңіз: {{backup}}.',
  'storage.opening.readOnlyFile':
    'Rapport {{file}} файлын оқи алады, бірақ оған жаза алмайды: файл тек оқуға арналған. Ештеңе ' +
    'өзгертілген жоқ. Тіркелгіңізге бұл файлға жазу құқығын беріңіз (немесе оны тек оқуға арналған ' +
    'дискіден көшіріп алыңыз), содан кейін Rapport-ты қайта іске қосыңыз.',
  'storage.opening.readOnlyFolder':
    'Rapport өзінің {{dataDir}} деректер қалтасына жаза алмайды: қалта тек оқуға арналған. Ештеңе ' +
    'өзгертілген жоқ. Тіркелгіңізге бұл қалтаға жазу құқығын беріңіз (немесе RAPPORT_DATA_DIR арқылы ' +
    'басқа қалтаны көрсетіңіз), содан кейін Rapport-ты қайта іске қосыңыз.',
  'storage.opening.notAFile':
    '{{file}} — қалта, ал Rapport дерекқорын осы атаулы файлда сақтайды. Ештеңе өзгертілген жоқ. ' +
    'Қалтаның ішін қарап, оны басқа жерге жылжытыңыз не атын өзгертіңіз немесе сақтық көшірмені қалпына ' +
    'келтіріңіз, содан кейін Rapport-ты қайта іске қосыңыз.',
  'storage.opening.diskFull':
    '{{dataDir}} орналасқан диск толып қалды, сондықтан Rapport дерекқорын аша алмайды. Ештеңе ' +
    'өзгертілген жоқ. Сол дискіде орын босатып, Rapport-ты қайта іске қосыңыз.',
  'storage.writing.diskFull':
    'Диск толып қалды, сондықтан бұл өзгеріс сақталмады: одан ештеңе жазылған жоқ, ал бұрын сақталғанның ' +
    'бәрі аман. {{dataDir}} орналасқан дискіде орын босатып, қайталап көріңіз.',
  'storage.writing.readOnly':
    'Rapport дерекқоры тек оқуға арналған болып қалды, сондықтан бұл өзгеріс сақталмады; бұрын ' +
    'сақталғанның бәрі аман. Тіркелгіңіз {{file}} файлына және оның қалтасына жаза алатынын (және диск ' +
    'тек оқуға арналмағанын) тексеріп, қайталап көріңіз.',
  'storage.restoreByCommand': 'Командалық жолдан: {{command}}',
  'storage.restoreNewest': 'Ең соңғы көшірмені қалпына келтіру',
  'storage.quitHint': 'Rapport-ты жабыңыз, себебін жойып, қайта ашыңыз.',
} as const satisfies Record<keyof typeof storageMessagesEn, string>;
