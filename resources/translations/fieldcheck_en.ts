<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AcceptDialog</name>
    <message>
        <source>重大隐患验收 · %1</source>
        <translation>Major hazard acceptance · %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;判定依据：%1 · 当前状态：%2&lt;/p&gt;</source>
        <translation>&lt;p&gt;Basis: %1 · status: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>整改后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>回头看</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <source>隐患</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <source>验收意见，如 已更换防爆电气并复测合格</source>
        <translation>Acceptance comment, e.g. explosion-proof wiring replaced and re-tested</translation>
    </message>
    <message>
        <source>专家本人的签名密码</source>
        <translation>The expert's own signing passphrase</translation>
    </message>
    <message>
        <source>还没有整改后照片：验收前请核实现场整改情况。</source>
        <translation>No after-photos yet: check the rectification on site before accepting.</translation>
    </message>
    <message>
        <source>整改情况报告</source>
        <translation>Rectification report</translation>
    </message>
    <message>
        <source>验收意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>验收专家</source>
        <translation>Accepting expert</translation>
    </message>
    <message>
        <source>签名密码 *</source>
        <translation>Signing passphrase *</translation>
    </message>
    <message>
        <source>不通过时的新整改期限</source>
        <translation>New deadline if it fails</translation>
    </message>
    <message>
        <source>验收通过并签名</source>
        <translation>Accept and sign</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>验收不通过</source>
        <translation>Verification failed</translation>
    </message>
    <message>
        <source>企业尚未报告整改情况。</source>
        <translation>The company has not reported its rectification yet.</translation>
    </message>
    <message>
        <source>%1 报告：%2</source>
        <translation>Reported %1: %2</translation>
    </message>
    <message>
        <source>（未写说明）</source>
        <translation>(no description)</translation>
    </message>
    <message>
        <source>验收不通过须写明原因（验收意见）</source>
        <translation>Failing the acceptance needs the reason (acceptance opinion)</translation>
    </message>
    <message>
        <source>请输入专家本人的签名密码</source>
        <translation>Enter the expert's own signing passphrase</translation>
    </message>
    <message>
        <source>正在签名…</source>
        <translation>Signing…</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>隐患</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改后照片</source>
        <translation>Photos after rectification</translation>
    </message>
    <message>
        <source>回头看照片</source>
        <translation>Revisit photos</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>我确认：销号后这条隐患从台账中移出，不能撤销（之后只能通过回头看重新交办）</source>
        <translation>I confirm: once struck off, the hazard leaves the ledger for good (only a revisit can reopen it)</translation>
    </message>
    <message>
        <source>回头看结果</source>
        <translation>Revisit outcome</translation>
    </message>
    <message>
        <source>记录回头看</source>
        <translation>Record revisit</translation>
    </message>
    <message>
        <source>记录回头看：%1</source>
        <translation>Record revisit: %1</translation>
    </message>
    <message>
        <source>请选择回头看的结果</source>
        <translation>Choose what the revisit found</translation>
    </message>
    <message>
        <source>隐患重新出现：重新交办，按新的整改期限整改，之后再验收、销号</source>
        <translation>The hazard is back: it is assigned again with a new deadline, then verified and struck off again</translation>
    </message>
    <message>
        <source>整改保持良好：隐患仍为已销号</source>
        <translation>The fix has held: the hazard stays struck off</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>备份保存到</source>
        <translation>Save the backup as</translation>
    </message>
    <message>
        <source>fieldcheck 备份 (*%1)</source>
        <translation>fieldcheck backup (*%1)</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message numerus="yes">
        <source>已备份到 %1（%n 个文件，含数据库、照片和密钥）。请把它复制到 U 盘或单位电脑上保存。</source>
        <translation><numerusform>Backed up to %1 (%n file: the database, photos and keys). Copy it to a USB stick or an office computer.</numerusform><numerusform>Backed up to %1 (%n files: the database, photos and keys). Copy it to a USB stick or an office computer.</numerusform></translation>
    </message>
    <message>
        <source>这是另一台设备的备份</source>
        <translation>This is another device's backup</translation>
    </message>
    <message>
        <source>这份备份是设备 %1 的数据（备份于 %2），本机是设备 %3。

只有换电脑——让本机接替那台设备——时才应恢复它：本机现在的数据会被替换（另存在数据文件夹里，不会删除），之后本机以设备 %1 的身份工作，须重新向服务器登记。</source>
        <translation>This backup holds device %1's data (backed up %2); this computer is device %3.

Restore it only to move devices, when this computer takes over that device: the data here now is replaced (kept aside in the data folder, never deleted), and this computer then works as device %1 and must be enrolled with the server again.</translation>
    </message>
    <message>
        <source>换到本机</source>
        <translation>Move to this computer</translation>
    </message>
    <message>
        <source>没有恢复，本机数据未改变。</source>
        <translation>Nothing was restored; the data on this computer is unchanged.</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>恢复会用 %1 的备份替换本机现在的数据。先核验备份里的每个文件和每个签名，全部无误才替换；现在的数据另存在数据文件夹里，不会删除。</source>
        <translation>Restoring replaces the data on this computer with the backup of %1. Every file and every signature in it is checked first, and nothing is replaced unless all of them check out; the data here now is kept aside in the data folder, never deleted.</translation>
    </message>
    <message>
        <source>核验并恢复</source>
        <translation>Check and restore</translation>
    </message>
    <message>
        <source>正在核验备份（每个文件的哈希和每个签名）…</source>
        <translation>Checking the backup (every file's hash and every signature)…</translation>
    </message>
    <message>
        <source>已恢复：每个文件和签名都核验无误。原来的数据另存在数据文件夹的 before-restore 文件夹里。请重新向服务器登记本机后再出具文书编号。</source>
        <translation>Restored: every file and signature checked out. The earlier data is kept in the before-restore folder inside the data folder. Enrol this computer with the server again before issuing document numbers.</translation>
    </message>
    <message>
        <source>没有完成，本机数据未改变。</source>
        <translation>Not done; the data on this computer is unchanged.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>开始检查</source>
        <translation>Start inspection</translation>
    </message>
    <message>
        <source>第二步：为 %1 选择检查表</source>
        <translation>Step 2: choose checklists for %1</translation>
    </message>
    <message>
        <source>已按行业“%1”和场所类型“%2”勾选推荐的检查表，可增减。</source>
        <translation>Checklists suggested for industry “%1” and kind of place “%2” are ticked; change as needed.</translation>
    </message>
    <message>
        <source>专项行动“%1”：已勾选行动指定的检查表，可增减。</source>
        <translation>Campaign “%1”: its checklists are ticked; add or remove as needed.</translation>
    </message>
    <message numerus="yes">
        <source>%1（%n 项，版本 %3）</source>
        <translation><numerusform>%1 (%n item, version %3)</numerusform><numerusform>%1 (%n items, version %3)</numerusform></translation>
    </message>
</context>
<context>
    <name>ClauseSearchDialog</name>
    <message>
        <source>查找条款</source>
        <translation>Find clause</translation>
    </message>
    <message>
        <source>输入关键字，如 粉尘、有限空间、消防通道</source>
        <translation>Type words, e.g. 粉尘, 有限空间, 消防通道</translation>
    </message>
    <message>
        <source>引用此条</source>
        <translation>Cite this</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>【重大】</source>
        <translation>[MAJOR] </translation>
    </message>
    <message>
        <source>没有找到。换个关键字试试，一两个字也可以。</source>
        <translation>Nothing found. Try other words; one or two characters work too.</translation>
    </message>
</context>
<context>
    <name>CoSignDialog</name>
    <message>
        <source>企业负责人签字确认</source>
        <translation>Site representative's signature</translation>
    </message>
    <message>
        <source>检查人员本人的签名密码</source>
        <translation>The inspector's own signing passphrase</translation>
    </message>
    <message>
        <source>在场检查人员</source>
        <translation>Inspector on site</translation>
    </message>
    <message>
        <source>检查人员签名密码 *</source>
        <translation>Inspector's signing passphrase *</translation>
    </message>
    <message>
        <source>确认并签名</source>
        <translation>Confirm and sign</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入您的签名密码</source>
        <translation>Enter your signing passphrase</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message numerus="yes">
        <source>隐患</source>
        <translation><numerusform>Hazard</numerusform><numerusform>Hazards</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>单位</source>
        <translation><numerusform>Site</numerusform><numerusform>Sites</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>检查</source>
        <translation><numerusform>Inspection</numerusform><numerusform>Inspections</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>人员</source>
        <translation><numerusform>Person</numerusform><numerusform>People</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>文书</source>
        <translation><numerusform>Document</numerusform><numerusform>Documents</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>照片</source>
        <translation><numerusform>Photo</numerusform><numerusform>Photos</numerusform></translation>
    </message>
    <message>
        <source>这里是同步时要人来处理的记录。冲突：同一条记录在本机和服务器上都被改过，请对照两边的内容，选择保留哪一个版本；未选中的版本不会丢失，它留在冲突记录和服务器上。已搁置：服务器发来的记录本机无法保存，其余记录已照常同步。服务器拒收：本机的记录服务器没有接收，记录留在本机，其余记录已照常同步；原因排除后可以重新发送。</source>
        <translation>Records that sync left for a person. A conflict: the same record was changed on this device and on the server; compare both and choose the version to keep. The other version is not lost: it stays in the conflict record and on the server. Set aside: a record from the server that this device could not store; the other records synced as usual. Refused by the server: a record of this device the server did not take; it stays on this device and the other records synced as usual; once the cause is gone it can be sent again.</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>本机版本</source>
        <translation>This device</translation>
    </message>
    <message>
        <source>服务器版本</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>显示全部内容（默认只显示不同之处）</source>
        <translation>Show every field (by default only the differences)</translation>
    </message>
    <message>
        <source>保留本机版本</source>
        <translation>Keep this device's version</translation>
    </message>
    <message>
        <source>采用服务器版本</source>
        <translation>Take the server's version</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>服务器拒收</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>已搁置</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <source>没有待处理的同步冲突。</source>
        <translation>No sync conflicts to settle.</translation>
    </message>
    <message>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>按状态</source>
        <translation>By status</translation>
    </message>
    <message>
        <source>按等级</source>
        <translation>By level</translation>
    </message>
    <message>
        <source>未销号隐患最多的单位（红色：含逾期）</source>
        <translation>Sites with most open hazards (red: some overdue)</translation>
    </message>
    <message>
        <source>挂牌督办的重大隐患</source>
        <translation>Major hazards under supervision</translation>
    </message>
    <message>
        <source>近 12 周趋势（点击某一周，查看当周发现的隐患）</source>
        <translation>Last 12 weeks (click a week to see the hazards found in it)</translation>
    </message>
    <message>
        <source>统计：状态为“%1”</source>
        <translation>From statistics: status "%1"</translation>
    </message>
    <message>
        <source>统计：%1</source>
        <translation>From statistics: %1</translation>
    </message>
    <message>
        <source>督办中</source>
        <translation>Under supervision</translation>
    </message>
    <message numerus="yes">
        <source>单位 %n 家</source>
        <translation><numerusform>%n site</numerusform><numerusform>%n sites</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>检查 %n 次</source>
        <translation><numerusform>%n inspection</numerusform><numerusform>%n inspections</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>隐患 %n 项</source>
        <translation><numerusform>%n hazard</numerusform><numerusform>%n hazards</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>逾期 %n 项</source>
        <translation><numerusform>%n overdue</numerusform><numerusform>%n overdue</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>照片 %n 张</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message>
        <source>其中逾期</source>
        <translation>Of which overdue</translation>
    </message>
    <message>
        <source>待企业签字</source>
        <translation>Awaiting site signature</translation>
    </message>
    <message>
        <source>统计：重大隐患</source>
        <translation>From statistics: major hazards</translation>
    </message>
    <message>
        <source>隐患整改率 %1（已整改 %2 / 发现 %3）· 重大隐患整改率 %4（%5 / %6）</source>
        <translation>Rectification rate %1 (%2 rectified of %3 found) · major hazards %4 (%5 of %6)</translation>
    </message>
    <message>
        <source>统计：%1 至 %2 发现的隐患</source>
        <translation>From statistics: hazards found %1 to %2</translation>
    </message>
    <message>
        <source>发现</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Strike off</translation>
    </message>
    <message>
        <source>逾期未整改（每周日统计）</source>
        <translation>Overdue, not rectified (as of each Sunday)</translation>
    </message>
    <message>
        <source>统计：%1 的隐患</source>
        <translation>From statistics: hazards at %1</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>文书预览</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <source>签发人本人的签名密码</source>
        <translation>The issuer's own signing passphrase</translation>
    </message>
    <message>
        <source>签名生成正式文书</source>
        <translation>Sign and make the official document</translation>
    </message>
    <message>
        <source>打印…（Ctrl+P）</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>直接打印</source>
        <translation>Print now</translation>
    </message>
    <message>
        <source>不弹出对话框，送到系统默认打印机</source>
        <translation>Send to the system's default printer without a dialog</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在生成文书页面…</source>
        <translation>Drawing the document's pages…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>已作废：%1</source>
        <translation>Voided: %1</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message numerus="yes">
        <source>已签名（PAdES），共 %n 页。PDF：%2</source>
        <translation><numerusform>Signed (PAdES), %n page. PDF: %2</numerusform><numerusform>Signed (PAdES), %n pages. PDF: %2</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>未签名样稿，共 %n 页：本机没有这份文书的签名 PDF。</source>
        <translation><numerusform>Unsigned draft, %n page: this device has no signed PDF of this document.</numerusform><numerusform>Unsigned draft, %n pages: this device has no signed PDF of this document.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>已送去打印，共 %n 页。</source>
        <translation><numerusform>Sent to the printer, %n page.</numerusform><numerusform>Sent to the printer, %n pages.</numerusform></translation>
    </message>
    <message>
        <source>请输入签发人本人的签名密码</source>
        <translation>Enter the issuer's own signing passphrase</translation>
    </message>
    <message>
        <source>正在签名并生成文书…</source>
        <translation>Signing and making the document…</translation>
    </message>
    <message>
        <source>正在准备打印…</source>
        <translation>Preparing to print…</translation>
    </message>
    <message>
        <source>正在送往默认打印机…</source>
        <translation>Sending to the default printer…</translation>
    </message>
    <message>
        <source>已送到打印机 %1（任务 %2）。</source>
        <translation>Sent to printer %1 (job %2).</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <source>样稿预览</source>
        <translation>Draft preview</translation>
    </message>
    <message>
        <source>样稿：未编号、未签名，不作正式文书使用。确认无误后，点“出具并签名”。</source>
        <translation>Draft: no number, not signed, not a valid document. When it reads right, press “Issue and sign”.</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Back to edit</translation>
    </message>
</context>
<context>
    <name>EndIncompleteDialog</name>
    <message>
        <source>结束为未完成</source>
        <translation>End as incomplete</translation>
    </message>
    <message>
        <source>例如：单位负责人不在场，改日再查</source>
        <translation>e.g. the person in charge is away; come back another day</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已记录的检查结果和隐患都会保留。请写明未完成的原因：</source>
        <translation>The answers and hazards recorded so far are kept. Why is the inspection incomplete?</translation>
    </message>
</context>
<context>
    <name>Escalation</name>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <source>市级</source>
        <translation>City</translation>
    </message>
    <message>
        <source>挂牌督办</source>
        <translation>listed supervision</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>supervision</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>%1%2：%3</source>
        <translation>%1 %2: %3</translation>
    </message>
</context>
<context>
    <name>EscalationBox</name>
    <message>
        <source>督办隐患（%1）</source>
        <translation>Hazards under supervision (%1)</translation>
    </message>
    <message>
        <source>隐患 %1（本机没有这条隐患，同步后可见）</source>
        <translation>Hazard %1 (not on this device yet; sync to see it)</translation>
    </message>
</context>
<context>
    <name>ExpertView</name>
    <message>
        <source>待专家确认</source>
        <translation>Awaiting expert</translation>
    </message>
    <message>
        <source>待企业签字</source>
        <translation>Awaiting site signature</translation>
    </message>
    <message>
        <source>待专家验收</source>
        <translation>Awaiting acceptance</translation>
    </message>
    <message>
        <source>审核意见（改判一般或退回时必填）</source>
        <translation>Review comment (required to downgrade or send back)</translation>
    </message>
    <message>
        <source>作出判定的专家；签名用这位专家本人的密码</source>
        <translation>The expert who decides; the signature needs that expert's own passphrase</translation>
    </message>
    <message>
        <source>专家本人的签名密码</source>
        <translation>The expert's own signing passphrase</translation>
    </message>
    <message>
        <source>确认重大隐患并签名</source>
        <translation>Confirm major hazard and sign</translation>
    </message>
    <message>
        <source>判定为一般隐患</source>
        <translation>Rule as general hazard</translation>
    </message>
    <message>
        <source>退回检查人员</source>
        <translation>Send back to inspector</translation>
    </message>
    <message>
        <source>企业负责人签字…</source>
        <translation>Site representative signs…</translation>
    </message>
    <message>
        <source>现场双签字…</source>
        <translation>On-site double signature…</translation>
    </message>
    <message>
        <source>在现场依次由专家判定、企业负责人签字、检查人员签名，各用本人密码</source>
        <translation>On site, in turn: the expert decides, the company's representative signs, the inspector signs — each with their own passphrase</translation>
    </message>
    <message>
        <source>验收…</source>
        <translation>Accept…</translation>
    </message>
    <message>
        <source>核对整改后照片，签名确认重大隐患整改合格</source>
        <translation>Check the after-photos and sign that the major hazard is rectified</translation>
    </message>
    <message>
        <source>判定专家</source>
        <translation>Deciding expert</translation>
    </message>
    <message>
        <source>已报告整改</source>
        <translation>Rectification reported</translation>
    </message>
    <message>
        <source>还没有登记技术专家：请先在“设置”中添加专家</source>
        <translation>No technical expert is registered yet: add one under Settings first</translation>
    </message>
    <message>
        <source>没有等待专家确认的疑似重大隐患。</source>
        <translation>No suspected major hazard is waiting for an expert.</translation>
    </message>
    <message>
        <source>由在场的检查人员记录企业负责人签字或拒签</source>
        <translation>The inspector on site records the signature or refusal</translation>
    </message>
    <message>
        <source>没有等待企业签字的重大隐患。</source>
        <translation>No major hazard is waiting for the company's signature.</translation>
    </message>
    <message>
        <source>没有等待专家验收的重大隐患。</source>
        <translation>No major hazard is waiting for the expert's acceptance.</translation>
    </message>
    <message>
        <source>&lt;p&gt;未找到所引条款原文：%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;Text of the cited clause not found: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;部位：%1 · 发现于 %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;Place: %1 · found %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <source>隐患照片</source>
        <translation>Hazard photos</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>出具文书…</source>
        <translation>Issue document…</translation>
    </message>
    <message>
        <source>为这次检查出具检查记录、整改通知书或复查意见书</source>
        <translation>Issue the inspection record, rectification notice or review for this inspection</translation>
    </message>
    <message>
        <source>标记疑似重大隐患…</source>
        <translation>Flag as suspected major…</translation>
    </message>
    <message>
        <source>按重大事故隐患判定标准的条款标记，提交专家确认</source>
        <translation>Flag under a clause of the major-hazard criteria, for an expert to confirm</translation>
    </message>
    <message>
        <source>可做的下一步</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>经过</source>
        <translation>History</translation>
    </message>
    <message>
        <source>记录隐患</source>
        <translation>Record hazard</translation>
    </message>
    <message>
        <source>隐患 · %1</source>
        <translation>Hazard · %1</translation>
    </message>
    <message>
        <source>记录后，等级由专家审核确认或改判</source>
        <translation>Once recorded, the level is set by the expert's review</translation>
    </message>
    <message>
        <source> · 逾期</source>
        <translation> · overdue</translation>
    </message>
    <message>
        <source>请填写隐患描述</source>
        <translation>Describe the hazard</translation>
    </message>
</context>
<context>
    <name>FindingForm</name>
    <message>
        <source>如 第十一条第（一）项</source>
        <translation>e.g. 第十一条第（一）项</translation>
    </message>
    <message>
        <source>查找条款…（F4）</source>
        <translation>Find clause… (F4)</translation>
    </message>
    <message>
        <source>如 《中华人民共和国安全生产法》第四十一条</source>
        <translation>e.g. 《中华人民共和国安全生产法》第四十一条</translation>
    </message>
    <message>
        <source>疑似重大事故隐患（需专家确认）</source>
        <translation>Suspected major hazard (needs an expert)</translation>
    </message>
    <message>
        <source>设定整改期限</source>
        <translation>Set a deadline</translation>
    </message>
    <message>
        <source>五落实（重大隐患治理方案：责任、措施、资金、时限、预案）</source>
        <translation>Five assurances (major-hazard plan: who, measures, money, deadline, safety plan)</translation>
    </message>
    <message>
        <source>如 赵强（厂长）</source>
        <translation>e.g. Zhao Qiang (factory manager)</translation>
    </message>
    <message>
        <source>如 2万元</source>
        <translation>e.g. 20,000 yuan</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>整改资金</source>
        <translation>Funds</translation>
    </message>
    <message>
        <source>安全措施和应急预案</source>
        <translation>Safety measures and emergency plan</translation>
    </message>
    <message>
        <source>整改措施与整改时限见上方两栏。</source>
        <translation>Measures and deadline are the two fields above.</translation>
    </message>
    <message>
        <source>已被文书或签名确认：修改事实需写明更正原因</source>
        <translation>Covered by a document or signature: changing facts needs a correction reason</translation>
    </message>
    <message>
        <source>隐患描述 *</source>
        <translation>Description *</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>判定条款</source>
        <translation>Criteria clause</translation>
    </message>
    <message>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Correction reason</translation>
    </message>
</context>
<context>
    <name>FinishQuestion</name>
    <message>
        <source>完成检查</source>
        <translation>Finish inspection</translation>
    </message>
    <message numerus="yes">
        <source>还有 %n 项未检查。仍要完成这次检查吗？未检的项目记为“未检”。</source>
        <translation><numerusform>%n item is not checked yet. Finish this inspection anyway? It is recorded as not checked.</numerusform><numerusform>%n items are not checked yet. Finish this inspection anyway? Those items are recorded as not checked.</numerusform></translation>
    </message>
    <message>
        <source>仍然完成</source>
        <translation>Finish anyway</translation>
    </message>
    <message>
        <source>返回继续检查</source>
        <translation>Back to the checklist</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>欢迎使用 fieldcheck</source>
        <translation>Welcome to fieldcheck</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FivePlan</name>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>整改资金</source>
        <translation>Funds</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>安全措施和应急预案</source>
        <translation>Safety measures and emergency plan</translation>
    </message>
    <message>
        <source>五落实</source>
        <translation>Five assurances</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>not filled in</translation>
    </message>
</context>
<context>
    <name>FlagMajorDialog</name>
    <message>
        <source>标记为疑似重大事故隐患</source>
        <translation>Flag as a suspected major hazard</translation>
    </message>
    <message>
        <source>筛选条款，如 粉尘、有限空间、液氨</source>
        <translation>Filter clauses, e.g. 粉尘, 有限空间, 液氨</translation>
    </message>
    <message>
        <source>补充说明（可不填），如 现场实测粉尘浓度</source>
        <translation>Note (optional), e.g. measured dust concentration</translation>
    </message>
    <message>
        <source>隐患</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <source>判定标准</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>标记并提交专家确认</source>
        <translation>Flag and send to an expert</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>条款库尚未安装，无法选择判定条款。</source>
        <translation>The criteria library is not installed; no clause can be chosen.</translation>
    </message>
    <message>
        <source>没有符合筛选的条款。</source>
        <translation>No clause matches the filter.</translation>
    </message>
    <message>
        <source>&lt;i&gt;（我们的原文来源在此条中断，条文不完整，请核对正式文本）&lt;/i&gt;</source>
        <translation>&lt;i&gt;(our source breaks off inside this clause; the text is incomplete, check the official text)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;（该标准状态：%1）&lt;/i&gt;</source>
        <translation>&lt;i&gt;(status of this standard: %1)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>请选择一条判定条款</source>
        <translation>Choose a clause</translation>
    </message>
</context>
<context>
    <name>HazardTable</name>
    <message>
        <source>单位</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>隐患描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>%1·逾期</source>
        <translation>%1 · overdue</translation>
    </message>
    <message>
        <source>%1 · 逾期</source>
        <translation>%1 · overdue</translation>
    </message>
</context>
<context>
    <name>InspectionView</name>
    <message>
        <source>输入单位名称、地址或代码查找</source>
        <translation>Search by name, address or code</translation>
    </message>
    <message>
        <source>下一步：选择检查表</source>
        <translation>Next: choose checklists</translation>
    </message>
    <message>
        <source>第一步：选择被检查单位</source>
        <translation>Step 1: choose the site</translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation>Kind of inspection</translation>
    </message>
    <message>
        <source>随手拍任务：请选择“%1”所在的单位（新单位请先在单位库登记）</source>
        <translation>Citizen report task: choose the site at “%1” (register a new site first)</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>出具文书 · %1</source>
        <translation>Issue a document · %1</translation>
    </message>
    <message>
        <source>整改通知书：没有期限的隐患用这个期限；复查意见书：未整改隐患的新期限</source>
        <translation>Rectification notice: the deadline for hazards without one; review: the new deadline for hazards not fixed</translation>
    </message>
    <message>
        <source>我的签名密码（文书以我的密钥签名）</source>
        <translation>My signing passphrase (the document is signed with my key)</translation>
    </message>
    <message>
        <source>勾选的隐患列入这份文书</source>
        <translation>The ticked hazards go on this document</translation>
    </message>
    <message>
        <source>文书种类</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>列入的隐患</source>
        <translation>Hazards on it</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>我的签名密码 *</source>
        <translation>My signing passphrase *</translation>
    </message>
    <message>
        <source>出具并签名</source>
        <translation>Issue and sign</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>预览样稿</source>
        <translation>Preview draft</translation>
    </message>
    <message>
        <source>不编号、不签名，先看看文书的样子</source>
        <translation>No number, no signature: see what the document will look like</translation>
    </message>
    <message>
        <source>只有检查人员（网格员、执法人员）可以出具文书。请由检查人员本人操作。</source>
        <translation>Only inspectors (grid workers, enforcement officers) issue documents. Ask the inspector to do it.</translation>
    </message>
    <message>
        <source>（疑似重大，待专家判定）</source>
        <translation> (suspected major, awaiting the expert)</translation>
    </message>
    <message>
        <source>【重大】</source>
        <translation>[MAJOR] </translation>
    </message>
    <message>
        <source>复查意见书列出原通知书的全部隐患（已整改、未整改）</source>
        <translation>A review lists every hazard of the earlier notice (fixed and not fixed)</translation>
    </message>
    <message>
        <source>正在生成样稿…</source>
        <translation>Making the draft…</translation>
    </message>
    <message>
        <source>样稿已生成（未编号、未签名）。</source>
        <translation>Draft made (no number, not signed).</translation>
    </message>
    <message>
        <source>请输入您的签名密码</source>
        <translation>Enter your signing passphrase</translation>
    </message>
    <message>
        <source>请至少勾选一项隐患</source>
        <translation>Tick at least one hazard</translation>
    </message>
    <message>
        <source>正在出具并签名…</source>
        <translation>Issuing and signing…</translation>
    </message>
    <message>
        <source>这次检查没有未整改的隐患，不需要整改文书；可以出具检查记录。</source>
        <translation>This inspection has no open hazards, so no rectification document is needed; issue the inspection record instead.</translation>
    </message>
</context>
<context>
    <name>ItemList</name>
    <message>
        <source>【%1】</source>
        <translation>[%1] </translation>
    </message>
    <message>
        <source>【　　】</source>
        <translation>[    ] </translation>
    </message>
</context>
<context>
    <name>ItemPane</name>
    <message>
        <source>%1（按 %2）</source>
        <translation>%1 (key %2)</translation>
    </message>
    <message>
        <source>快捷键：%1</source>
        <translation>Shortcut: %1</translation>
    </message>
    <message>
        <source>（可能构成重大事故隐患）</source>
        <translation> (may be a major hazard)</translation>
    </message>
    <message>
        <source>怎么查：%1</source>
        <translation>How to check: %1</translation>
    </message>
    <message>
        <source>没有选用检查表：发现隐患时按“记录其他隐患”。</source>
        <translation>No checklist chosen: press “Record other hazard” for each hazard.</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>单位</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>隐患描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>依据条款</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · 逾期</source>
        <translation>%1 · overdue</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <source>搜索隐患描述、部位、单位或条款</source>
        <translation>Search description, place, site or clause</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部等级</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>仅逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>本周到期</source>
        <translation>Due this week</translation>
    </message>
    <message>
        <source>仅我的网格</source>
        <translation>My grid only</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>把当前台账导出为 Excel 文件</source>
        <translation>Export the current ledger as an Excel file</translation>
    </message>
    <message>
        <source>显示全部</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>已载入 %1 项，正在统计总数…</source>
        <translation>%1 loaded, counting all…</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 项隐患（已载入 %1 项，向下滚动载入更多）</source>
        <translation><numerusform>%n hazard (%1 loaded; scroll down for more)</numerusform><numerusform>%n hazards (%1 loaded; scroll down for more)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>共 %n 项隐患</source>
        <translation><numerusform>%n hazard</numerusform><numerusform>%n hazards</numerusform></translation>
    </message>
    <message>
        <source>导出隐患台账</source>
        <translation>Export the ledger</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>隐患台账.xlsx</source>
        <translation>hazard-ledger.xlsx</translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 行到 %1</source>
        <translation><numerusform>Exported %n row to %1</numerusform><numerusform>Exported %n rows to %1</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>fieldcheck 隐患排查治理</source>
        <translation>fieldcheck hazard inspections</translation>
    </message>
    <message>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Inspect</translation>
    </message>
    <message>
        <source>隐患台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>专家审核</source>
        <translation>Expert review</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>%1（Ctrl+%2）</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>只读：这个数据文件夹不能写入，可以查看，不能保存更改</source>
        <translation>Read-only: this data folder cannot be written; you can look but not save changes</translation>
    </message>
    <message>
        <source>fieldcheck 隐患排查治理（只读）</source>
        <translation>fieldcheck hazard inspections (read-only)</translation>
    </message>
    <message>
        <source>请先在“欢迎使用 fieldcheck”中完成首次设置。</source>
        <translation>Finish the first-run setup in “Welcome to fieldcheck” first.</translation>
    </message>
    <message>
        <source>等待首次设置</source>
        <translation>Waiting for the first-run setup</translation>
    </message>
    <message>
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>合并重复单位</source>
        <translation>Merge duplicate sites</translation>
    </message>
    <message>
        <source>&lt;b&gt;保留：&lt;/b&gt;%1（%2）</source>
        <translation>&lt;b&gt;Keep:&lt;/b&gt; %1 (%2)</translation>
    </message>
    <message>
        <source>两条记录的统一社会信用代码都是 %1，是同一家单位。合并后，被并入单位的检查记录、隐患、照片、文书和签名原样保留，都显示在保留的单位下；单位名录中不再单列被并入的单位。已签名的内容一字不改，签名仍可核验。合并会记入操作记录并同步到服务器。</source>
        <translation>Both records have the unified social credit code %1: they are the same unit. After the merge, the inspections, hazards, photos, documents and signatures of the merged site are kept exactly as they are and show under the kept site; the register no longer lists the merged one. Nothing signed changes by a character, so every signature still verifies. The merge is recorded in the audit log and synced to the server.</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>并入：</source>
        <translation>Merge in:</translation>
    </message>
</context>
<context>
    <name>NoticeTable</name>
    <message>
        <source>文书编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已作废：%1</source>
        <translation>Voided: %1</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
</context>
<context>
    <name>NoticesView</name>
    <message>
        <source>按编号或单位名称筛选</source>
        <translation>Filter by number or site name</translation>
    </message>
    <message>
        <source>查看 / 打印…</source>
        <translation>View / print…</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All sites</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 份文书（其中作废 %1 份）</source>
        <translation><numerusform>%n document (%1 voided)</numerusform><numerusform>%n documents (%1 voided)</numerusform></translation>
    </message>
</context>
<context>
    <name>OnSiteSignDialog</name>
    <message>
        <source>现场双签字</source>
        <translation>On-site double signature</translation>
    </message>
    <message>
        <source>专家结论</source>
        <translation>Expert's conclusion</translation>
    </message>
    <message>
        <source>下一步：检查人员签名</source>
        <translation>Next: the inspector signs</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>未找到所引条款原文：%1</source>
        <translation>Text of the cited clause not found: %1</translation>
    </message>
    <message>
        <source>确认为重大事故隐患</source>
        <translation>Confirm as a major hazard</translation>
    </message>
    <message>
        <source>判定为一般隐患</source>
        <translation>Rule as general hazard</translation>
    </message>
    <message>
        <source>专家意见（判定为一般时必填）</source>
        <translation>Expert's opinion (required when ruling it general)</translation>
    </message>
    <message>
        <source>专家本人的签名密码</source>
        <translation>The expert's own signing passphrase</translation>
    </message>
    <message>
        <source>专家签名确认</source>
        <translation>Expert signs the decision</translation>
    </message>
    <message>
        <source>判定条款</source>
        <translation>Criteria clause</translation>
    </message>
    <message>
        <source>判定专家</source>
        <translation>Deciding expert</translation>
    </message>
    <message>
        <source>判定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>专家意见</source>
        <translation>Expert's opinion</translation>
    </message>
    <message>
        <source>专家签名密码 *</source>
        <translation>Expert's signing passphrase *</translation>
    </message>
    <message>
        <source>检查人员本人的签名密码</source>
        <translation>The inspector's own signing passphrase</translation>
    </message>
    <message>
        <source>检查人员签名，完成双签字</source>
        <translation>Inspector signs: double signature complete</translation>
    </message>
    <message>
        <source>检查人员以本人密钥签名，证明上一步企业负责人的签字（或拒签）属实。</source>
        <translation>The inspector signs with their own key that the company's signature (or refusal) in the previous step is true.</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>检查人员签名密码 *</source>
        <translation>Inspector's signing passphrase *</translation>
    </message>
    <message>
        <source>专家判定</source>
        <translation>Expert's decision</translation>
    </message>
    <message>
        <source>企业负责人签字</source>
        <translation>Company representative signs</translation>
    </message>
    <message>
        <source>检查人员签名</source>
        <translation>Inspector signs</translation>
    </message>
    <message>
        <source>第 %1 步（共 %2 步）：%3</source>
        <translation>Step %1 of %2: %3</translation>
    </message>
    <message>
        <source>本机没有登记技术专家；请先在“单位与人员”中登记专家</source>
        <translation>No expert is registered on this device; register one under Sites and people first</translation>
    </message>
    <message>
        <source>请专家本人输入签名密码</source>
        <translation>The expert types their own signing passphrase</translation>
    </message>
    <message>
        <source>判定为一般隐患须写明专家意见</source>
        <translation>Ruling it general needs the expert's opinion</translation>
    </message>
    <message>
        <source>重大事故隐患</source>
        <translation>a major hazard</translation>
    </message>
    <message>
        <source>一般隐患</source>
        <translation>General hazard</translation>
    </message>
    <message>
        <source>专家 %1 判定为%2</source>
        <translation>Expert %1 ruled it %2</translation>
    </message>
    <message>
        <source>✓ 第 1 步完成：%1，已签名。</source>
        <translation>✓ Step 1 done: %1, signed.</translation>
    </message>
    <message>
        <source>改判为一般隐患，不需要企业双签字。</source>
        <translation>Ruled general: no double signature needed.</translation>
    </message>
    <message>
        <source>请检查人员本人输入签名密码</source>
        <translation>The inspector types their own signing passphrase</translation>
    </message>
    <message>
        <source>✓ 第 3 步完成：检查人员 %1 已签名。现场双签字全部完成。</source>
        <translation>✓ Step 3 done: inspector %1 signed. The on-site double signature is complete.</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>OpenInspectionsBox</name>
    <message>
        <source>继续检查</source>
        <translation>Continue inspection</translation>
    </message>
    <message>
        <source>结束为未完成…</source>
        <translation>End as incomplete…</translation>
    </message>
</context>
<context>
    <name>OversightLabel</name>
    <message>
        <source>乡镇（街道）</source>
        <translation>township</translation>
    </message>
    <message>
        <source>县（区）</source>
        <translation>county</translation>
    </message>
    <message>
        <source>市</source>
        <translation>city</translation>
    </message>
    <message>
        <source>挂牌督办</source>
        <translation>listed supervision</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>supervision</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>%1%2，责任领导：%3%4</source>
        <translation>%1 %2, responsible leader: %3%4</translation>
    </message>
    <message>
        <source>销号待%1审批：挂牌督办的重大隐患，须经挂牌的那一级在管理平台签批，同步后方可销号</source>
        <translation>Close waits for the %1's approval: a listed major hazard is closed only once the level that listed it has signed in the console, and the approval has come in by sync</translation>
    </message>
    <message>
        <source>挂牌督办的那一级已签批销号</source>
        <translation>The listing level has signed the close</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>第 %1 页</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>如 金水区丰产路街道办事处</source>
        <translation>e.g. 金水区丰产路街道办事处</translation>
    </message>
    <message>
        <source>网格或乡镇代码，如 410105001</source>
        <translation>Grid or township code, e.g. 410105001</translation>
    </message>
    <message>
        <source>我是</source>
        <translation>I am</translation>
    </message>
    <message>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>执法证/检查证号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>所属网格 *</source>
        <translation>Grid *</translation>
    </message>
    <message>
        <source>新用户（在下面填写）</source>
        <translation>New user (fill in below)</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>请填写姓名</source>
        <translation>Enter your name</translation>
    </message>
    <message>
        <source>请填写所属网格</source>
        <translation>Enter your grid</translation>
    </message>
    <message>
        <source>所属网格代码应为 6 位（县级）、9 位（乡镇街道）或 12 位（村社区）数字，如 410105001</source>
        <translation>The grid code is 6 digits (county), 9 (township or street) or 12 (village or community), e.g. 410105001</translation>
    </message>
</context>
<context>
    <name>PhoneCamera</name>
    <message>
        <source>用手机拍照…</source>
        <translation>Take photos with a phone…</translation>
    </message>
    <message>
        <source>在手机上打开二维码网页，拍的原图直接存到这条隐患</source>
        <translation>Open the QR code's page on a phone; the original photos are stored with this hazard</translation>
    </message>
    <message>
        <source>先保存隐患，再用手机拍照</source>
        <translation>Save the hazard first, then take photos with a phone</translation>
    </message>
</context>
<context>
    <name>PhoneDialog</name>
    <message>
        <source>用手机拍照</source>
        <translation>Take photos with a phone</translation>
    </message>
    <message>
        <source>1. 手机连上电脑所在的 Wi-Fi，或电脑开的移动热点。
2. 用手机相机或微信“扫一扫”扫描二维码，打开网页。
3. 点“拍照”或“从相册选择”，原图直接传到这条隐患。
扫不开时换下一个地址的二维码。</source>
        <translation>1. Connect the phone to the laptop's Wi-Fi or to the laptop's mobile hotspot.
2. Scan the QR code with the phone's camera or WeChat's Scan to open the page.
3. Tap 拍照 (take photo) or 从相册选择 (pick from the gallery): the originals go straight to this hazard.
If a code does not open, try the next address's code.</translation>
    </message>
    <message>
        <source>等待手机发来照片…</source>
        <translation>Waiting for photos from the phone…</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>没有新照片时，链接在 %1 失效；关闭本窗口立即失效。</source>
        <translation>With no new photos the link stops working at %1; closing this window stops it at once.</translation>
    </message>
    <message>
        <source>已停止接收：长时间没有新照片。要继续，请关闭后重新打开。</source>
        <translation>Stopped receiving: no new photos for a long time. Close and open again to continue.</translation>
    </message>
    <message>
        <source>已有，只存一份</source>
        <translation>Already there, kept once</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>未保存 %1</source>
        <translation>Not stored %1</translation>
    </message>
    <message>
        <source>已收到 %1 张，拒收 %2 张</source>
        <translation>%1 received, %2 refused</translation>
    </message>
</context>
<context>
    <name>PhotoArea</name>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>添加文件夹…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <source>把照片拖到这里，或按 Ctrl+V 粘贴</source>
        <translation>Drop photos here, or paste with Ctrl+V</translation>
    </message>
    <message>
        <source>整改后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>回头看</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <source>隐患</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <source>这些链接指向所选文件夹之外或指向文件夹，未导入：</source>
        <translation>These links lead outside the chosen folder or to a folder and were not imported: </translation>
    </message>
    <message>
        <source>待保存</source>
        <translation>to save</translation>
    </message>
    <message>
        <source>查看原图…</source>
        <translation>View full size…</translation>
    </message>
    <message>
        <source>移除这张（Delete）</source>
        <translation>Remove this one (Delete)</translation>
    </message>
    <message>
        <source>已保存的照片是证据，不能删除</source>
        <translation>A saved photo is evidence and cannot be deleted</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <source>照片 (*.jpg *.jpeg *.png *.heic *.heif *.webp)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.heic *.heif *.webp)</translation>
    </message>
    <message>
        <source>选择照片所在的文件夹</source>
        <translation>Choose the folder with the photos</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>照片 · %1</source>
        <translation>Photo · %1</translation>
    </message>
    <message>
        <source>放大（+）</source>
        <translation>Zoom in (+)</translation>
    </message>
    <message>
        <source>缩小（-）</source>
        <translation>Zoom out (-)</translation>
    </message>
    <message>
        <source>整张（0）</source>
        <translation>Whole photo (0)</translation>
    </message>
    <message>
        <source>关闭窗口</source>
        <translation>Close window</translation>
    </message>
    <message>
        <source>画圈</source>
        <translation>Circle</translation>
    </message>
    <message>
        <source>画箭头</source>
        <translation>Arrow</translation>
    </message>
    <message>
        <source>保存标注</source>
        <translation>Save mark-up</translation>
    </message>
    <message>
        <source>清除标注</source>
        <translation>Clear mark-up</translation>
    </message>
    <message>
        <source>照片里没有记录</source>
        <translation>not recorded in the photo</translation>
    </message>
    <message>
        <source>拍摄时间：%1</source>
        <translation>Taken: %1</translation>
    </message>
    <message>
        <source>位置（GPS）：%1</source>
        <translation>Position (GPS): %1</translation>
    </message>
    <message>
        <source>原图 SHA-256：%1</source>
        <translation>Original SHA-256: %1</translation>
    </message>
    <message>
        <source>已有标注（标注另存为副本，原图未改动）</source>
        <translation>Marked up (kept as a copy; the original is unchanged)</translation>
    </message>
</context>
<context>
    <name>ReceiptBox</name>
    <message>
        <source>被检查单位签收</source>
        <translation>Receipt by the inspected site</translation>
    </message>
    <message>
        <source>当场签收</source>
        <translation>Signs now</translation>
    </message>
    <message>
        <source>拒签</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>不在场 / 稍后签收</source>
        <translation>Not present / signs later</translation>
    </message>
    <message>
        <source>重写</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>签收人姓名</source>
        <translation>Name of the person receiving it</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>见证人（拒签时必填）</source>
        <translation>Witness (required for a refusal)</translation>
    </message>
    <message>
        <source>请填写签收人姓名，或选择“不在场 / 稍后签收”</source>
        <translation>Enter the name of the person receiving it, or choose “Not present / signs later”</translation>
    </message>
    <message>
        <source>拒签须填写见证人</source>
        <translation>A refusal needs a witness</translation>
    </message>
    <message>
        <source>请让签收人在签名区签字，或选择“拒签”</source>
        <translation>Ask the person to sign in the signature box, or choose “Refused”</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>使用人与单位</source>
        <translation>User and unit</translation>
    </message>
    <message>
        <source>本单位编号前缀</source>
        <translation>Unit numbering prefix</translation>
    </message>
    <message>
        <source>同步服务器</source>
        <translation>Sync server</translation>
    </message>
    <message>
        <source>界面语言（重启后生效）</source>
        <translation>Language (after restart)</translation>
    </message>
    <message>
        <source>本机时区（所有时间按此显示）</source>
        <translation>Time zone of this device (every time is shown in it)</translation>
    </message>
    <message>
        <source>如 郑州市金水区应急管理局</source>
        <translation>e.g. 郑州市金水区应急管理局 (Jinshui District Emergency Management Bureau)</translation>
    </message>
    <message>
        <source>逾期上报机关（整改通知书）</source>
        <translation>Body told of an overdue hazard (rectification notice)</translation>
    </message>
    <message>
        <source>行政复议机关（人民政府）</source>
        <translation>Administrative review body (people's government)</translation>
    </message>
    <message>
        <source>行政复议机关（上级部门）</source>
        <translation>Administrative review body (higher department)</translation>
    </message>
    <message>
        <source>行政诉讼法院</source>
        <translation>Court for an administrative lawsuit</translation>
    </message>
    <message>
        <source>新签名密码（至少 8 位）</source>
        <translation>New signing passphrase (8 characters or more)</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Type it again</translation>
    </message>
    <message>
        <source>创建签名密钥</source>
        <translation>Create signing key</translation>
    </message>
    <message>
        <source>我的签名密钥</source>
        <translation>My signing key</translation>
    </message>
    <message>
        <source>签名密码</source>
        <translation>Signing passphrase</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Confirm passphrase</translation>
    </message>
    <message>
        <source>用凭证文件登录服务器…</source>
        <translation>Log in with a credential file…</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>查看同步冲突…</source>
        <translation>Sync conflicts…</translation>
    </message>
    <message>
        <source>同步与数据</source>
        <translation>Sync and data</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>数据位置</source>
        <translation>Data location</translation>
    </message>
    <message>
        <source>备份到文件…</source>
        <translation>Back up to a file…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>请先保存使用人。</source>
        <translation>Save the user first.</translation>
    </message>
    <message>
        <source>还没有签名密钥。确认重大隐患、企业签字都需要它。</source>
        <translation>No signing key yet. Major hazards and site signatures need one.</translation>
    </message>
    <message>
        <source>已有密钥（指纹 %1），有效期至 %2。</source>
        <translation>Key present (fingerprint %1), valid until %2.</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>两次输入的密码不一样，请重新输入。</source>
        <translation>The two passphrases differ; please type them again.</translation>
    </message>
    <message>
        <source>正在创建密钥…</source>
        <translation>Creating the key…</translation>
    </message>
    <message>
        <source>选择服务器发给您的凭证文件</source>
        <translation>Choose the credential file from the server</translation>
    </message>
    <message>
        <source>已登录服务器</source>
        <translation>Logged in to the server</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>手写签名区</source>
        <translation>Handwritten signature area</translation>
    </message>
    <message>
        <source>请在此处签名</source>
        <translation>Sign here</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <source>编辑单位</source>
        <translation>Edit site</translation>
    </message>
    <message>
        <source>新增单位</source>
        <translation>New site</translation>
    </message>
    <message>
        <source>18 位，如 91410105MA…</source>
        <translation>18 characters, e.g. 91410105MA…</translation>
    </message>
    <message>
        <source>单位名称 *</source>
        <translation>Site name *</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>地址 *</source>
        <translation>Address *</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>场所类型</source>
        <translation>Kind of place</translation>
    </message>
    <message>
        <source>所属网格 *</source>
        <translation>Grid *</translation>
    </message>
    <message>
        <source>请选择或填写行业</source>
        <translation>Choose or type the industry</translation>
    </message>
    <message>
        <source>请选择场所类型</source>
        <translation>Choose the kind of place</translation>
    </message>
    <message>
        <source>行业 *</source>
        <translation>Industry *</translation>
    </message>
    <message>
        <source>场所类型 *</source>
        <translation>Kind of place *</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>打开已登记的单位</source>
        <translation>Open the registered site</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Site name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>请填写：%1</source>
        <translation>Please fill in: %1</translation>
    </message>
</context>
<context>
    <name>SiteImportDialog</name>
    <message>
        <source>从表格导入单位</source>
        <translation>Import sites from a spreadsheet</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Site name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>场所类型</source>
        <translation>Kind of place</translation>
    </message>
    <message>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>%1：有 %n 处问题，一家也没有导入。请在表格中改正下列单元格后重新导入。</source>
        <translation><numerusform>%1: %n problem; no site was imported. Correct this cell in the spreadsheet and import it again.</numerusform><numerusform>%1: %n problems; no site was imported. Correct these cells in the spreadsheet and import it again.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1：%n 家单位可以导入。请核对后点“导入”；导入要么全部成功，要么一家也不导入。</source>
        <translation><numerusform>%1: %n site can be imported. Check it, then press “Import”.</numerusform><numerusform>%1: %n sites can be imported. Check them, then press “Import”: either every site is imported or none.</numerusform></translation>
    </message>
    <message>
        <source>不导入的列：%1</source>
        <translation>Columns not imported: %1</translation>
    </message>
    <message>
        <source>导入 %1 家</source>
        <translation>Import %1</translation>
    </message>
</context>
<context>
    <name>SiteRecord</name>
    <message>
        <source>隐患</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <source>检查记录</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>为所选检查出具文书…</source>
        <translation>Issue a document for the selected inspection…</translation>
    </message>
    <message>
        <source>没有选中的单位</source>
        <translation>No site selected</translation>
    </message>
    <message>
        <source>统一社会信用代码：%1</source>
        <translation>Credit code: %1</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <source>地址：%1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <source>行业：%1 · %2 · %3</source>
        <translation>Industry: %1 · %2 · %3</translation>
    </message>
    <message>
        <source>法定代表人：%1 · 联系人：%2 %3</source>
        <translation>Legal representative: %1 · contact: %2 %3</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>in progress</translation>
    </message>
    <message>
        <source>未完成：%1</source>
        <translation>Not completed: %1</translation>
    </message>
</context>
<context>
    <name>SiteStep</name>
    <message>
        <source>签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>拒签</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>单位负责人姓名 *</source>
        <translation>Representative's name *</translation>
    </message>
    <message>
        <source>重写</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>见证人（拒签时必填）</source>
        <translation>Witness (required for a refusal)</translation>
    </message>
    <message>
        <source>拒签理由</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <source>请填写单位负责人姓名</source>
        <translation>Enter the representative's name</translation>
    </message>
    <message>
        <source>请让单位负责人在签名区签字，或选择“拒签”</source>
        <translation>Have the representative sign in the box, or choose “Refused”</translation>
    </message>
    <message>
        <source>拒签须填写见证人</source>
        <translation>A refusal needs a witness</translation>
    </message>
    <message>
        <source>已签字</source>
        <translation>signed</translation>
    </message>
    <message>
        <source>拒签（见证人：%1）</source>
        <translation>refused (witness: %1)</translation>
    </message>
    <message>
        <source>✓ 第 2 步完成：单位负责人 %1 %2，待检查人员签名确认。</source>
        <translation>✓ Step 2 done: representative %1 %2; waiting for the inspector's signature.</translation>
    </message>
</context>
<context>
    <name>SitesView</name>
    <message>
        <source>搜索单位名称、地址或统一社会信用代码（Ctrl+F）</source>
        <translation>Search name, address or credit code (Ctrl+F)</translation>
    </message>
    <message>
        <source>新增单位（Ctrl+N）</source>
        <translation>New site (Ctrl+N)</translation>
    </message>
    <message>
        <source>从表格导入…</source>
        <translation>Import from spreadsheet…</translation>
    </message>
    <message>
        <source>从 Excel（.xlsx）或 CSV 名册导入单位，导入前先预览</source>
        <translation>Import sites from an Excel (.xlsx) or CSV register, with a preview first</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>开始检查</source>
        <translation>Start inspection</translation>
    </message>
    <message>
        <source>合并重复单位…</source>
        <translation>Merge duplicate…</translation>
    </message>
    <message>
        <source>同一个统一社会信用代码登记了两次时，把重复的一条并入这一条</source>
        <translation>When one unified social credit code was registered twice, merge the duplicate into this site</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Site name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>场所类型</source>
        <translation>Kind of place</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 家</source>
        <translation><numerusform>%n site</numerusform><numerusform>%n sites</numerusform></translation>
    </message>
    <message>
        <source>选择单位名册</source>
        <translation>Choose a site register</translation>
    </message>
    <message>
        <source>表格（*.xlsx *.csv）</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
</context>
<context>
    <name>SkippedChecklists</name>
    <message>
        <source>已跳过有问题的县检查表：%1；内置检查表照常可用</source>
        <translation>Left out a county checklist: %1; the bundled ones still work</translation>
    </message>
    <message>
        <source>%2 个县检查表文件有问题，已跳过（第一个：%1）；内置检查表照常可用</source>
        <translation>Left out %2 county checklists (the first: %1); the bundled ones still work</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>县检查表有问题</source>
        <translation>County checklists have problems</translation>
    </message>
    <message>
        <source>这些文件已跳过，其余检查表照常可用。改正后重新打开程序即可。</source>
        <translation>These files were left out; the other checklists can still be used. Correct them and open the program again.</translation>
    </message>
</context>
<context>
    <name>SyncProofDialog</name>
    <message>
        <source>服务器已有（哈希一致）</source>
        <translation>On the server (same hash)</translation>
    </message>
    <message>
        <source>服务器已确认收到</source>
        <translation>Receipt from the server</translation>
    </message>
    <message>
        <source>服务器上没有</source>
        <translation>Not on the server</translation>
    </message>
    <message>
        <source>服务器上是另一个版本</source>
        <translation>The server holds another version</translation>
    </message>
    <message>
        <source>待上传</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <source>冲突（两个版本都保留）</source>
        <translation>Conflict (both versions kept)</translation>
    </message>
    <message>
        <source>服务器拒收</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>签名公钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>检查项结果</source>
        <translation>Checklist answer</translation>
    </message>
    <message>
        <source>隐患</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <source>隐患经过</source>
        <translation>Hazard step</translation>
    </message>
    <message>
        <source>照片记录</source>
        <translation>Photo record</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>已上传一部分（%1 字节）</source>
        <translation>Partly uploaded (%1 bytes)</translation>
    </message>
    <message>
        <source>逐条核对同步</source>
        <translation>Sync, record by record</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>记录编号或照片哈希（SHA-256）</source>
        <translation>Record id or photo hash (SHA-256)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>向服务器核对</source>
        <translation>Ask the server</translation>
    </message>
    <message>
        <source>逐条问服务器是否持有本机的同一版本（按哈希比对）</source>
        <translation>Ask the server, record by record, whether it holds this device's version (compared by hash)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在向服务器逐条核对…</source>
        <translation>Asking the server record by record…</translation>
    </message>
    <message>
        <source>以下是服务器刚才逐条回答的结果。</source>
        <translation>What the server answered just now, record by record.</translation>
    </message>
    <message>
        <source>以下是本机记下的服务器回执（未联网核对）。</source>
        <translation>The server's receipts as this device recorded them (not checked online).</translation>
    </message>
    <message numerus="yes">
        <source>记录 %n 条：%1</source>
        <translation><numerusform>%n record: %1</numerusform><numerusform>%n records: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>照片文件 %n 个：%1</source>
        <translation><numerusform>%n photo file: %1</numerusform><numerusform>%n photo files: %1</numerusform></translation>
    </message>
    <message>
        <source>照片文件</source>
        <translation>Photo file</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>本机和服务器都改过的记录，需要您选择保留哪一个版本</source>
        <translation>Records changed both here and on the server; choose which version to keep</translation>
    </message>
    <message>
        <source>逐条核对…</source>
        <translation>Sync details</translation>
    </message>
    <message>
        <source>每一条记录、每一个照片文件的同步状态，可向服务器逐条核对</source>
        <translation>The sync state of every record and photo file; ask the server record by record</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message numerus="yes">
        <source>冲突 %n 条…</source>
        <translation><numerusform>%n conflict</numerusform><numerusform>%n conflicts</numerusform></translation>
    </message>
    <message>
        <source>离线工作 · 未设置服务器</source>
        <translation>Offline · no server set</translation>
    </message>
    <message>
        <source>请在“设置”中填写服务器地址并登录，之后即可同步。</source>
        <translation>Set the server and log in under Settings to sync.</translation>
    </message>
    <message>
        <source>服务器：%1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>把本机的记录和照片上传到服务器，并取回新的交办和审核结果。</source>
        <translation>Upload this device's records and photos and fetch new assignments and reviews.</translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message numerus="yes">
        <source>%n 条隐患</source>
        <translation><numerusform>%n hazard</numerusform><numerusform>%n hazards</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n 张照片</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n 份文书</source>
        <translation><numerusform>%n document</numerusform><numerusform>%n documents</numerusform></translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1待上传</source>
        <translation>%1 to upload</translation>
    </message>
    <message>
        <source>其他记录待上传</source>
        <translation>Other records to upload</translation>
    </message>
    <message>
        <source>已全部上传</source>
        <translation>All uploaded</translation>
    </message>
    <message>
        <source>上传照片</source>
        <translation>Uploading photos</translation>
    </message>
    <message>
        <source>上传记录</source>
        <translation>Uploading records</translation>
    </message>
    <message>
        <source>取回更新</source>
        <translation>Fetching updates</translation>
    </message>
    <message>
        <source>连不上服务器，%1 秒后自动重试</source>
        <translation>Cannot reach the server; trying again in %1 s</translation>
    </message>
    <message>
        <source>同步完成</source>
        <translation>Sync finished</translation>
    </message>
</context>
<context>
    <name>TaskBox</name>
    <message>
        <source>办理所选任务</source>
        <translation>Do the chosen task</translation>
    </message>
    <message>
        <source>交办任务（%1 项待办，%2 项逾期）</source>
        <translation>Tasks (%1 to do, %2 overdue)</translation>
    </message>
    <message>
        <source>【%1】%2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>期限 %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <source>随手拍</source>
        <translation>Citizen report</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Inspect</translation>
    </message>
    <message>
        <source>复查</source>
        <translation>Re-inspection</translation>
    </message>
    <message>
        <source>回头看</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <source>拉网式复查</source>
        <translation>Sweep re-inspection</translation>
    </message>
    <message>
        <source>待办理</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已检查，待同步</source>
        <translation>Inspected, to sync</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>隐患：%1</source>
        <translation>Hazard: %1</translation>
    </message>
    <message>
        <source>地点：%1（办理时选择所在单位）</source>
        <translation>Place: %1 (choose its site when you do it)</translation>
    </message>
    <message numerus="yes">
        <source>群众照片 %n 张</source>
        <translation><numerusform>%n citizen photo</numerusform><numerusform>%n citizen photos</numerusform></translation>
    </message>
    <message>
        <source>照片未到</source>
        <translation>Photo not here yet</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>我的网格单位</source>
        <translation>Sites in my grid</translation>
    </message>
    <message>
        <source>本周到期</source>
        <translation>Due this week</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>待专家确认的疑似重大隐患</source>
        <translation>Suspected major hazards awaiting an expert</translation>
    </message>
    <message>
        <source>未完成的检查</source>
        <translation>Unfinished inspections</translation>
    </message>
    <message>
        <source>在所选单位开始检查</source>
        <translation>Inspect the selected site</translation>
    </message>
    <message>
        <source>已逾期（未验收）</source>
        <translation>Overdue (not yet verified)</translation>
    </message>
    <message>
        <source>专项行动待查单位</source>
        <translation>Campaign sites to visit</translation>
    </message>
    <message>
        <source>开始专项检查</source>
        <translation>Start the campaign inspection</translation>
    </message>
    <message numerus="yes">
        <source>%1：尚有 %n 家未查（%2 至 %3）</source>
        <translation><numerusform>%1: %n site not yet visited (%2 to %3)</numerusform><numerusform>%1: %n sites not yet visited (%2 to %3)</numerusform></translation>
    </message>
    <message>
        <source>【%1】%2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>专项行动待查单位（%1）</source>
        <translation>Campaign sites to visit (%1)</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>尚未设置使用人</source>
        <translation>No user set</translation>
    </message>
    <message>
        <source>全部网格</source>
        <translation>all grids</translation>
    </message>
    <message>
        <source>%1 · 网格 %2 · %3</source>
        <translation>%1 · grid %2 · %3</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>作废文书</source>
        <translation>Void the document</translation>
    </message>
    <message>
        <source>如 重复出具，以前一份为准</source>
        <translation>e.g. issued twice, the earlier one stands</translation>
    </message>
    <message>
        <source>作废 %1：编号保留，不再使用。</source>
        <translation>Void %1: the number stays taken and is not reused.</translation>
    </message>
    <message>
        <source>作废原因 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请写明作废原因</source>
        <translation>Give the reason for voiding</translation>
    </message>
</context>
<context>
    <name>WalkPage</name>
    <message>
        <source>记录其他隐患（N）</source>
        <translation>Record other hazard (N)</translation>
    </message>
    <message>
        <source>查找条款（F4）</source>
        <translation>Find clause (F4)</translation>
    </message>
    <message>
        <source>检查小结（可不填）</source>
        <translation>Summary (optional)</translation>
    </message>
    <message>
        <source>完成检查</source>
        <translation>Finish inspection</translation>
    </message>
    <message>
        <source>结束为未完成…</source>
        <translation>End as incomplete…</translation>
    </message>
    <message>
        <source>检查无法继续时结束本次检查，并写明原因</source>
        <translation>End this inspection when it cannot go on, with the reason</translation>
    </message>
    <message>
        <source>本次记录的隐患</source>
        <translation>Hazards recorded in this inspection</translation>
    </message>
    <message>
        <source>第三步：检查 %1</source>
        <translation>Step 3: inspect %1</translation>
    </message>
    <message>
        <source>已查 %1/%2 · 合格 %3 · 不合格 %4 · 不适用 %5</source>
        <translation>Checked %1/%2 · pass %3 · fail %4 · N/A %5</translation>
    </message>
    <message>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>检查 %n 项</source>
        <translation><numerusform>%n item checked</numerusform><numerusform>%n items checked</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>发现隐患 %n 项</source>
        <translation><numerusform>%n hazard found</numerusform><numerusform>%n hazards found</numerusform></translation>
    </message>
    <message>
        <source>（%1 项未检）</source>
        <translation> (%1 not checked)</translation>
    </message>
</context>
<context>
    <name>_DataPage</name>
    <message>
        <source>数据保存位置</source>
        <translation>Where data is kept</translation>
    </message>
    <message>
        <source>记录、照片和签名密钥保存在本机的这个文件夹：
%1

请定期把整个文件夹复制到 U 盘或单位的电脑上备份。要把数据放到别的磁盘，请联系管理员安装时指定。</source>
        <translation>Records, photos and signing keys are kept in this folder on this computer:
%1

Copy the whole folder to a USB stick or an office computer regularly. To keep the data on another disk, ask your administrator to set it at installation.</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
</context>
<context>
    <name>_KeyPage</name>
    <message>
        <source>签名密码</source>
        <translation>Signing passphrase</translation>
    </message>
    <message>
        <source>文书和确认以您本人的密钥签名。设一个只有您知道的签名密码（至少 8 个字符）。</source>
        <translation>Documents and confirmations are signed with your own key. Choose a signing passphrase only you know (at least 8 characters).</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Type it again</translation>
    </message>
    <message>
        <source>您已有签名密钥，可以直接签名；不需要再设。</source>
        <translation>You already have a signing key and can sign; nothing to set here.</translation>
    </message>
    <message>
        <source>密码忘记后无法找回，只能作废旧密钥重新设立。请牢记。</source>
        <translation>A forgotten passphrase cannot be recovered: the key would have to be revoked and a new one made. Remember it.</translation>
    </message>
    <message>
        <source>签名密码至少 %1 个字符</source>
        <translation>The signing passphrase needs at least %1 characters</translation>
    </message>
    <message>
        <source>两次输入的签名密码不一样，请重新输入</source>
        <translation>The two passphrases differ; type them again</translation>
    </message>
</context>
<context>
    <name>_UnitPage</name>
    <message>
        <source>文书编号与服务器</source>
        <translation>Document numbers and server</translation>
    </message>
    <message>
        <source>如 金水</source>
        <translation>e.g. 金水</translation>
    </message>
    <message>
        <source>本单位编号前缀</source>
        <translation>Unit numbering prefix</translation>
    </message>
    <message>
        <source>文书编号将是</source>
        <translation>Numbers will look like</translation>
    </message>
    <message>
        <source>同步服务器（可以以后再填）</source>
        <translation>Sync server (can be set later)</translation>
    </message>
</context>
<context>
    <name>_WhoPage</name>
    <message>
        <source>您是谁</source>
        <translation>Who are you</translation>
    </message>
    <message>
        <source>每一条记录都会记下是谁做的。</source>
        <translation>Every record notes who made it.</translation>
    </message>
</context>
<context>
    <name>checklists</name>
    <message>
        <source>YAML 格式错误（括号、引号或缩进不对）</source>
        <translation>YAML syntax error (a bracket, quote or indent is wrong)</translation>
    </message>
    <message>
        <source>缺少字段“%1”</source>
        <translation>missing field “%1”</translation>
    </message>
    <message>
        <source>未知字段“%1”（可能拼错了）</source>
        <translation>unknown field “%1” (misspelt?)</translation>
    </message>
    <message>
        <source>引用的条款“%1”不存在</source>
        <translation>the cited clause “%1” does not exist</translation>
    </message>
    <message>
        <source>编号重复</source>
        <translation>duplicate id</translation>
    </message>
    <message>
        <source>内容不符合要求</source>
        <translation>the content is not accepted</translation>
    </message>
    <message>
        <source>%1 第 %2 行第 %3 列</source>
        <translation>%1 line %2, column %3</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>conflicts</name>
    <message>
        <source>未知栏目（%1）</source>
        <translation>Unknown field (%1)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>所在单位</source>
        <translation>Works at</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>参加检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <source>检查地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>未完成原因</source>
        <translation>Why not completed</translation>
    </message>
    <message>
        <source>所属隐患</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>原状态</source>
        <translation>Status before</translation>
    </message>
    <message>
        <source>新状态</source>
        <translation>Status after</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Done by</translation>
    </message>
    <message>
        <source>发生时间</source>
        <translation>When</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>内容校验值</source>
        <translation>Content hash (SHA-256)</translation>
    </message>
    <message>
        <source>大小（字节）</source>
        <translation>Size (bytes)</translation>
    </message>
    <message>
        <source>宽度（像素）</source>
        <translation>Width (px)</translation>
    </message>
    <message>
        <source>高度（像素）</source>
        <translation>Height (px)</translation>
    </message>
    <message>
        <source>文件类型</source>
        <translation>File type</translation>
    </message>
    <message>
        <source>拍摄时间</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>拍摄时区</source>
        <translation>Camera's time zone</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>相机品牌</source>
        <translation>Camera make</translation>
    </message>
    <message>
        <source>相机型号</source>
        <translation>Camera model</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>导入时本机时钟</source>
        <translation>Computer's clock at import</translation>
    </message>
    <message>
        <source>原文件名</source>
        <translation>Original file name</translation>
    </message>
    <message>
        <source>导入人</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>是否作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>签发人</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>签发时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>涉及隐患</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <source>所指的原文书</source>
        <translation>Refers to document</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Why void</translation>
    </message>
    <message>
        <source>文书内容</source>
        <translation>Document content</translation>
    </message>
    <message>
        <source>文书 PDF</source>
        <translation>Document PDF</translation>
    </message>
    <message>
        <source>所属人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>公钥</source>
        <translation>Public key</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>到期时间</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>吊销时间</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>签名用途</source>
        <translation>Signed for</translation>
    </message>
    <message>
        <source>签名对象类型</source>
        <translation>Kind of record signed</translation>
    </message>
    <message>
        <source>签名对象</source>
        <translation>Record signed</translation>
    </message>
    <message>
        <source>签名人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>密钥编号</source>
        <translation>Key id</translation>
    </message>
    <message>
        <source>签名时间</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>所签内容校验值</source>
        <translation>Hash of what was signed</translation>
    </message>
    <message>
        <source>所签内容版本</source>
        <translation>Version of what was signed</translation>
    </message>
    <message>
        <source>签名值</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>单位确认</source>
        <translation>Site's acknowledgement</translation>
    </message>
</context>
<context>
    <name>dates</name>
    <message>
        <source>yyyy年M月d日</source>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>yyyy年M月d日 HH:mm</source>
        <translation>d MMM yyyy HH:mm</translation>
    </message>
</context>
<context>
    <name>domain</name>
    <message>
        <source>已排查</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>已交办</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <source>已验收</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>验收未通过</source>
        <translation>Verify failed</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Struck off</translation>
    </message>
    <message>
        <source>回头看</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <source>交办</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>报告整改</source>
        <translation>Report rectification</translation>
    </message>
    <message>
        <source>当场整改</source>
        <translation>Fixed on the spot</translation>
    </message>
    <message>
        <source>验收通过</source>
        <translation>Verification passed</translation>
    </message>
    <message>
        <source>验收不通过</source>
        <translation>Verification failed</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Strike off</translation>
    </message>
    <message>
        <source>回头看：未反弹</source>
        <translation>Revisit: fix held</translation>
    </message>
    <message>
        <source>回头看：反弹，重新交办</source>
        <translation>Revisit: hazard back, reassigned</translation>
    </message>
    <message>
        <source>未反弹</source>
        <translation>Fix held</translation>
    </message>
    <message>
        <source>反弹</source>
        <translation>Hazard back</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>一般隐患</source>
        <translation>General hazard</translation>
    </message>
    <message>
        <source>重大隐患</source>
        <translation>Major hazard</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation>Enforcement officer</translation>
    </message>
    <message>
        <source>技术专家</source>
        <translation>Technical expert</translation>
    </message>
    <message>
        <source>监管人员</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>单位负责人</source>
        <translation>Site representative</translation>
    </message>
    <message>
        <source>日常检查</source>
        <translation>Routine inspection</translation>
    </message>
    <message>
        <source>专项检查</source>
        <translation>Special inspection</translation>
    </message>
    <message>
        <source>复查</source>
        <translation>Re-inspection</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>未检</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>疑似重大，待专家确认</source>
        <translation>Suspected major, awaiting expert</translation>
    </message>
    <message>
        <source>专家已确认</source>
        <translation>Expert: confirmed</translation>
    </message>
    <message>
        <source>专家判定为一般</source>
        <translation>Expert: general</translation>
    </message>
    <message>
        <source>疑似重大</source>
        <translation>Suspected major</translation>
    </message>
    <message>
        <source>重大（已确认）</source>
        <translation>Major (confirmed)</translation>
    </message>
    <message>
        <source>一般（专家改判）</source>
        <translation>General (expert's ruling)</translation>
    </message>
    <message>
        <source>现场检查记录</source>
        <translation>Inspection record</translation>
    </message>
    <message>
        <source>隐患整改通知书</source>
        <translation>Hazard rectification notice</translation>
    </message>
    <message>
        <source>责令限期整改指令书</source>
        <translation>Order to rectify within a time limit</translation>
    </message>
    <message>
        <source>整改复查意见书</source>
        <translation>Rectification review</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>标记疑似重大隐患</source>
        <translation>Flagged as a suspected major hazard</translation>
    </message>
    <message>
        <source>专家确认为重大隐患</source>
        <translation>Expert confirmed: major hazard</translation>
    </message>
    <message>
        <source>专家改判为一般隐患</source>
        <translation>Expert ruled it a general hazard</translation>
    </message>
    <message>
        <source>专家退回补充</source>
        <translation>Expert sent it back for more facts</translation>
    </message>
    <message>
        <source>单位负责人签字确认</source>
        <translation>Signed by the site's representative</translation>
    </message>
    <message>
        <source>单位负责人拒签</source>
        <translation>The site's representative refused to sign</translation>
    </message>
    <message>
        <source>其他记录</source>
        <translation>Other entry</translation>
    </message>
</context>
<context>
    <name>drafts</name>
    <message numerus="yes">
        <source>%1 · 开始于 %2 · 已查 %3/%4 项 · 隐患 %n 条</source>
        <translation><numerusform>%1 · started %2 · checked %3/%4 · %n hazard</numerusform><numerusform>%1 · started %2 · checked %3/%4 · %n hazards</numerusform></translation>
    </message>
    <message>
        <source>继续检查</source>
        <translation>Continue inspection</translation>
    </message>
    <message>
        <source>%1 有一次未完成的检查（开始于 %2）。继续这次检查，还是另开一次新的检查？</source>
        <translation>%1 has an unfinished inspection (started %2). Continue it, or start a new one?</translation>
    </message>
    <message>
        <source>另开新检查</source>
        <translation>Start a new one</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>改了：%1</source>
        <translation>Changed: %1</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>隐患描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Correction reason</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>重大隐患确认</source>
        <translation>Major hazard ruling</translation>
    </message>
    <message>
        <source>判定依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>检查小结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>见证人</source>
        <translation>Witness</translation>
    </message>
    <message>
        <source>修改时间</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <source>搁置原因（技术详情）</source>
        <translation>Reason set aside (technical detail)</translation>
    </message>
    <message>
        <source>搁置原因代码</source>
        <translation>Reason code</translation>
    </message>
    <message>
        <source>随之拒收的记录</source>
        <translation>Refused with</translation>
    </message>
    <message>
        <source>记录编号</source>
        <translation>Record id</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>发现人</source>
        <translation>Found by</translation>
    </message>
    <message>
        <source>所属检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>被检查单位</source>
        <translation>Site inspected</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>更正的是</source>
        <translation>Corrects</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>整改资金</source>
        <translation>Funds</translation>
    </message>
    <message>
        <source>安全措施和应急预案</source>
        <translation>Safety measures and emergency plan</translation>
    </message>
    <message>
        <source>场所类型</source>
        <translation>Kind of place</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>已合并到</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <source>收到的原文</source>
        <translation>Text as received</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>签名密码不对，什么也没有签。请重新输入。</source>
        <translation>Wrong passphrase; nothing was signed. Please type it again.</translation>
    </message>
    <message>
        <source>您没有可用的签名密钥（未创建、已过期或已吊销）。请在“设置”中创建密钥。</source>
        <translation>You have no usable signing key (none, expired or revoked). Create one under Settings.</translation>
    </message>
    <message>
        <source>您的角色不能签这一步。请由有权限的人员（如技术专家）操作。</source>
        <translation>Your role cannot sign this step. Ask someone who may (e.g. a technical expert).</translation>
    </message>
    <message>
        <source>隐患内容在您审核之后被改动过，什么也没有签。请刷新后重新审核。</source>
        <translation>The hazard changed after you reviewed it; nothing was signed. Refresh and review again.</translation>
    </message>
    <message>
        <source>签名没有完成，什么也没有签。请重试；若仍失败，请联系管理员。</source>
        <translation>The signature was not made; nothing was signed. Try again; if it keeps failing, contact your administrator.</translation>
    </message>
    <message>
        <source>出具文书需要您的签名，文书没有出具。请输入签名密码后再出具。</source>
        <translation>Issuing the document needs your signature, so it was not issued. Enter your signing passphrase and issue it again.</translation>
    </message>
    <message>
        <source>本机还没有登录同步服务器。请在“设置”中填写服务器地址并登录。</source>
        <translation>This device is not logged in to a server. Set the server and log in under Settings.</translation>
    </message>
    <message>
        <source>同步服务器不再接受本机的登录（可能已过期或被停用）。数据仍在本机；请在“设置”中重新登录。</source>
        <translation>The sync server no longer accepts this device's login (expired or disabled). Your data is still on this device; log in again under Settings.</translation>
    </message>
    <message>
        <source>连不上同步服务器，这次没有同步。数据仍在本机；请检查网络后再点“立即同步”。</source>
        <translation>The sync server could not be reached; nothing was synced. Your data is still on this device; check the network and press Sync now again.</translation>
    </message>
    <message>
        <source>同步服务器拒绝了这次同步。数据仍在本机；请稍后再试，或联系管理员。</source>
        <translation>The sync server refused this sync. Your data is still on this device; try again later or contact your administrator.</translation>
    </message>
    <message>
        <source>同步服务器发现这份数据是复制或从备份恢复的：本机的登录凭据已在另一份数据上使用。在重新登记本机之前不能出具文书。数据仍在本机；请联系县里重新登记本机，再用新凭据登录。</source>
        <translation>The sync server found that this data is a copy or was restored from a backup: this device's credential is in use with another copy. No document can be issued until this device is enrolled again. Your data is still on this device; ask the county to enrol this device again and log in with the new credential.</translation>
    </message>
    <message>
        <source>这份数据是复制或从备份恢复的，文书编号可能与原设备重复，所以没有出具，没有占用编号。请联系县里重新登记本机，用新凭据登录后再出具。</source>
        <translation>This data is a copy or was restored from a backup, so its document numbers could repeat the original device's: nothing was issued and no number was taken. Ask the county to enrol this device again, log in with the new credential, then issue.</translation>
    </message>
    <message>
        <source>已出具文书的 PDF 文件缺失或被改动，与出具时记录的不符，不会重新生成。请从备份恢复 documents 文件夹。</source>
        <translation>The PDF of an issued document is missing or was changed and no longer matches what was recorded at issue; it is not generated again. Restore the documents folder from a backup.</translation>
    </message>
    <message>
        <source>这个文件不能作为照片保存。请改用相机拍的原始照片（JPEG、PNG、HEIC、WebP）。</source>
        <translation>This file cannot be kept as a photo. Use the camera's original photo (JPEG, PNG, HEIC, WebP).</translation>
    </message>
    <message>
        <source>检查表数据有误，没有载入。请联系管理员更新检查表。</source>
        <translation>The checklist data is invalid and was not loaded. Ask your administrator to update the checklists.</translation>
    </message>
    <message>
        <source>软件自带的字体文件缺失，文书无法生成。请重新安装本软件。</source>
        <translation>A font shipped with the app is missing, so documents cannot be made. Reinstall the app.</translation>
    </message>
    <message>
        <source>文书页面无法显示成图片。文书本身已保存；请用 PDF 阅读器打开查看。</source>
        <translation>The document's pages cannot be shown as pictures. The document itself is saved; open it in a PDF reader.</translation>
    </message>
    <message>
        <source>登录没有通过。请检查账号和密码后重试。</source>
        <translation>The login was refused. Check the account and password and try again.</translation>
    </message>
    <message>
        <source>这是疑似重大事故隐患，验收之前须由技术专家确认或改判。请先在“专家审核”中请专家确认，确认后再验收。</source>
        <translation>This is a suspected major hazard: a technical expert must confirm or downgrade it before its acceptance. Ask an expert to review it under Expert review, then accept it.</translation>
    </message>
    <message>
        <source>这是已确认的重大事故隐患，验收须由技术专家签名。请由专家在“专家审核”中验收。</source>
        <translation>This is a confirmed major hazard: its acceptance needs a technical expert's signature. Ask the expert to accept it under Expert review.</translation>
    </message>
    <message>
        <source>这是挂牌督办的重大事故隐患，销号须经挂牌的那一级在管理平台审批。审批尚未收到：请待审批后同步，再销号。</source>
        <translation>This major hazard is under listed supervision: it is closed only with the approval of the level that listed it, given in the console. That approval has not arrived: sync once it is given, then close.</translation>
    </message>
    <message>
        <source>这两个单位不能合并：只有统一社会信用代码相同、且都没有合并过的两个单位才能合并。数据未改变。</source>
        <translation>These two sites cannot be merged: only two sites with the same unified social credit code, neither merged before, can be. Nothing was changed.</translation>
    </message>
    <message>
        <source>这条隐患已被更正为新版本，不能再对旧版本操作。请刷新后打开新版本。</source>
        <translation>This hazard was corrected into a new version; the old one can no longer be acted on. Refresh and open the new version.</translation>
    </message>
    <message>
        <source>这个统一社会信用代码已登记为“%1”。一企一档：请打开已有的单位补充或修改，不要重复新增。</source>
        <translation>This credit code is already registered as "%1". One record per business: open the existing site and complete it there instead of adding it again.</translation>
    </message>
    <message>
        <source>“%1”填写得不对，请改正后再保存。</source>
        <translation>“%1” is not right; correct it and save again.</translation>
    </message>
    <message>
        <source>这一步现在不能做：隐患当前的状态不允许。请刷新后按可用的按钮操作。</source>
        <translation>This step is not possible in the hazard's current status. Refresh and use the buttons offered.</translation>
    </message>
    <message>
        <source>这条隐患已被文书或签名确认，不能直接修改。请用“更正”生成新版本并写明原因。</source>
        <translation>This hazard is covered by a document or signature and cannot be edited. Record a correction with a reason.</translation>
    </message>
    <message>
        <source>找不到这条记录，可能已被更正或尚未同步。请刷新后重试。</source>
        <translation>This record was not found; it may have been corrected or not yet synced. Refresh and try again.</translation>
    </message>
    <message>
        <source>这一步不符合业务规则，没有完成，数据未改变。请刷新后按可用的按钮操作。</source>
        <translation>This step breaks a rule of the process and was not done; nothing changed. Refresh and use the buttons offered.</translation>
    </message>
    <message>
        <source>磁盘空间已满，这次没有保存任何内容。请清理磁盘后重试。</source>
        <translation>The disk is full; nothing was saved. Free some space and try again.</translation>
    </message>
    <message>
        <source>数据文件夹不能写入。请检查文件夹权限，或在设置中换一个数据位置。</source>
        <translation>The data folder cannot be written. Check its permissions or use another data location.</translation>
    </message>
    <message>
        <source>数据是由更新版本的本软件保存的。请先升级本软件再打开。</source>
        <translation>The data was saved by a newer version of this app. Upgrade the app before opening it.</translation>
    </message>
    <message>
        <source>数据文件已损坏，无法打开。请不要再写入，联系管理员用备份恢复。</source>
        <translation>The data file is damaged. Stop writing to it and ask your administrator to restore a backup.</translation>
    </message>
    <message>
        <source>数据无法读取或保存。请重试；若仍失败，请联系管理员。</source>
        <translation>The data cannot be read or saved. Try again; if it still fails, call your administrator.</translation>
    </message>
    <message>
        <source>操作没有完成，数据未改变。请重试；若仍出现，请把详细信息发给管理员。</source>
        <translation>The operation was not completed and nothing changed. Try again; if it happens again, send the details to your administrator.</translation>
    </message>
    <message>
        <source>文件无法读取或写入。请检查文件是否存在、是否有权限。</source>
        <translation>A file cannot be read or written. Check that it exists and that you may use it.</translation>
    </message>
    <message>
        <source>“%1”不正确：手机号为 11 位；座机要带区号，如 0371-65123456。</source>
        <translation>"%1" is not right: a mobile has 11 digits; a landline needs its area code, e.g. 0371-65123456.</translation>
    </message>
    <message numerus="yes">
        <source>%n 张照片没有保存，隐患和其余照片已保存：</source>
        <translation><numerusform>%n photo was not kept; the hazard and the other photos are saved:</numerusform><numerusform>%n photos were not kept; the hazard and the other photos are saved:</numerusform></translation>
    </message>
    <message>
        <source>请改用相机拍的原始照片（JPEG、PNG、HEIC、WebP）再添加。</source>
        <translation>Add the camera's original photo (JPEG, PNG, HEIC, WebP) instead.</translation>
    </message>
    <message>
        <source>（在“设置”中填写）</source>
        <translation> (set it in Settings)</translation>
    </message>
    <message>
        <source>文书缺少必填内容，没有出具。请先补全：</source>
        <translation>The document was not issued: fill these in first:</translation>
    </message>
    <message>
        <source>出现意外错误，操作没有完成。请重试；若仍出现，请把详细信息发给管理员。</source>
        <translation>Something unexpected happened and the action did not finish. Try again; if it recurs, send the details to your administrator.</translation>
    </message>
    <message>
        <source>没有设定默认打印机，文书没有打印。请点“打印…”选择打印机，或在系统设置中设定默认打印机。PDF 已保存在本机。</source>
        <translation>No default printer is set, so nothing was printed. Use “Print…” to choose a printer, or set a default printer in the system settings. The PDF is kept on this device.</translation>
    </message>
    <message>
        <source>本机的打印服务没有运行，文书没有打印。请启动打印服务或联系管理员；PDF 已保存在本机。</source>
        <translation>The print service is not running on this computer, so nothing was printed. Start it or ask your administrator; the PDF is kept on this device.</translation>
    </message>
    <message>
        <source>找不到所选的打印机，文书没有打印。请点“打印…”重新选择打印机。</source>
        <translation>The chosen printer was not found, so nothing was printed. Use “Print…” to choose a printer again.</translation>
    </message>
    <message>
        <source>打印机没有接受这份文书。请检查打印机是否开机、有纸，然后重试；PDF 已保存在本机。</source>
        <translation>The printer refused the document. Check that it is on and has paper, then try again; the PDF is kept on this device.</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>文件不存在（可能已被移动或删除）</source>
        <translation>the file does not exist (moved or deleted?)</translation>
    </message>
    <message>
        <source>这不是一个文件（可能是文件夹）</source>
        <translation>this is not a file (a folder?)</translation>
    </message>
    <message>
        <source>文件是空的（0 字节）</source>
        <translation>the file is empty (0 bytes)</translation>
    </message>
    <message>
        <source>文件无法读取或保存（权限不足或磁盘已满）</source>
        <translation>the file cannot be read or kept (permissions, or the disk is full)</translation>
    </message>
    <message>
        <source>导入时文件被改动了，请再添加一次</source>
        <translation>the file changed while it was added; add it again</translation>
    </message>
    <message>
        <source>这是 PDF 文档，不是照片</source>
        <translation>it is a PDF document, not a photo</translation>
    </message>
    <message>
        <source>这是压缩包或 Office 文档，不是照片</source>
        <translation>it is an archive or an Office document, not a photo</translation>
    </message>
    <message>
        <source>这是文本文件，不是照片</source>
        <translation>it is a text file, not a photo</translation>
    </message>
    <message>
        <source>这是视频文件，不是照片</source>
        <translation>it is a video, not a photo</translation>
    </message>
    <message>
        <source>这种图片格式不支持，请用相机拍的原始照片</source>
        <translation>this image format is not supported; use the camera's original photo</translation>
    </message>
    <message>
        <source>这不是图片文件</source>
        <translation>it is not an image file</translation>
    </message>
    <message>
        <source>图片数据已损坏或不完整（可能没有传输完）</source>
        <translation>the image data is damaged or incomplete (not fully copied?)</translation>
    </message>
    <message>
        <source>图片的尺寸异常（过大或为零），为安全起见没有打开</source>
        <translation>the image's size is abnormal (huge or zero); not opened, for safety</translation>
    </message>
    <message>
        <source>不是可以保存的照片</source>
        <translation>not a photo that can be kept</translation>
    </message>
    <message>
        <source>有照片没有保存</source>
        <translation>Some photos were not saved</translation>
    </message>
</context>
<context>
    <name>photo_caption</name>
    <message>
        <source>%1（相机时间）</source>
        <translation>%1 (camera clock)</translation>
    </message>
    <message>
        <source>未记录拍摄时间（导入于 %1）</source>
        <translation>Time not recorded (imported %1)</translation>
    </message>
    <message>
        <source>未记录拍摄时间</source>
        <translation>Time not recorded</translation>
    </message>
    <message>
        <source>未记录拍摄位置</source>
        <translation>Place not recorded</translation>
    </message>
    <message>
        <source>北纬</source>
        <translation>N</translation>
    </message>
    <message>
        <source>南纬</source>
        <translation>S</translation>
    </message>
    <message>
        <source>东经</source>
        <translation>E</translation>
    </message>
    <message>
        <source>西经</source>
        <translation>W</translation>
    </message>
</context>
<context>
    <name>risk</name>
    <message>
        <source>低风险</source>
        <translation>Low risk</translation>
    </message>
    <message>
        <source>一般风险</source>
        <translation>Medium risk</translation>
    </message>
    <message>
        <source>较大风险</source>
        <translation>High risk</translation>
    </message>
    <message>
        <source>重大风险</source>
        <translation>Major risk</translation>
    </message>
</context>
<context>
    <name>setaside</name>
    <message>
        <source>检查项结果</source>
        <translation>Checklist answer</translation>
    </message>
    <message>
        <source>隐患处理记录</source>
        <translation>Hazard event</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>密钥证明</source>
        <translation>Key attestation</translation>
    </message>
    <message>
        <source>单位记录</source>
        <translation>Site record</translation>
    </message>
    <message>
        <source>人员记录</source>
        <translation>Person record</translation>
    </message>
    <message>
        <source>一次检查的记录</source>
        <translation>Inspection record</translation>
    </message>
    <message>
        <source>隐患记录</source>
        <translation>Hazard record</translation>
    </message>
    <message>
        <source>照片记录</source>
        <translation>Photo record</translation>
    </message>
    <message>
        <source>文书记录</source>
        <translation>Document record</translation>
    </message>
    <message>
        <source>签名记录</source>
        <translation>Signature record</translation>
    </message>
    <message>
        <source>未知类型的记录</source>
        <translation>Record of an unknown kind</translation>
    </message>
    <message>
        <source>记录嵌套超过 64 层，已搁置</source>
        <translation>the record is nested more than 64 levels deep and was set aside</translation>
    </message>
    <message>
        <source>记录里有无法识别的乱码文字，已搁置</source>
        <translation>the record holds garbled text that cannot be read and was set aside</translation>
    </message>
    <message>
        <source>本机不认识这种记录（可能要升级本软件），已搁置</source>
        <translation>this device does not know this kind of record (the software may need updating); it was set aside</translation>
    </message>
    <message>
        <source>收到的内容不是一条完整的记录，已搁置</source>
        <translation>what arrived is not a whole record and was set aside</translation>
    </message>
    <message>
        <source>记录缺少必要内容或格式不对，已搁置</source>
        <translation>the record lacks required content or is malformed and was set aside</translation>
    </message>
    <message>
        <source>记录内容里的编号和记录本身的编号不一致，已搁置，本机数据未被改动</source>
        <translation>the id inside the record differs from the record's own id; it was set aside and nothing here was changed</translation>
    </message>
    <message>
        <source>记录的内容不符合要求（多了、少了或填错了栏目），已搁置</source>
        <translation>the record's content is not valid (a field too many, missing or wrongly filled) and was set aside</translation>
    </message>
    <message>
        <source>记录所属的单位、检查或人员本机还没有，已搁置；收到后会自动补上</source>
        <translation>the site, inspection or person it belongs to is not on this device yet; it was set aside and is added once they arrive</translation>
    </message>
    <message>
        <source>记录和本机已有的记录重复（例如文书编号相同），已搁置</source>
        <translation>the record duplicates one on this device (for example the same document number) and was set aside</translation>
    </message>
    <message>
        <source>服务器没有发来原件（照片、手写签名或文书），已搁置；收到后会自动补上</source>
        <translation>the server did not send its original (photo, handwriting or document); it was set aside and is added once it arrives</translation>
    </message>
    <message>
        <source>这份密钥证明无效（内容不全，或不是本服务器出具的），已搁置，没有采用</source>
        <translation>this key attestation is not valid (incomplete, or not made by this server); it was set aside and not used</translation>
    </message>
    <message>
        <source>记录要换掉本机已有的签名密钥，密钥不能更换，已搁置</source>
        <translation>the record would replace a signing key held here; keys are never replaced, so it was set aside</translation>
    </message>
    <message>
        <source>单位签收被另一个签名认领，签收不能改换签名，已搁置</source>
        <translation>another signature claims a site's acknowledgement; an acknowledgement never changes signature, so it was set aside</translation>
    </message>
    <message>
        <source>记录本机无法保存，已搁置</source>
        <translation>this device could not save the record; it was set aside</translation>
    </message>
    <message>
        <source>服务器上保存的这条记录已损坏，服务器没有发来，已搁置；请告诉县里的管理员</source>
        <translation>the server's copy of this record is damaged and the server did not send it; it was set aside: tell the county's administrator</translation>
    </message>
    <message>
        <source>编号不明（收到的一页中第 %1 条）</source>
        <translation>with no id (no. %1 in its page)</translation>
    </message>
    <message>
        <source>%1 %2：%3。其余记录已照常同步。</source>
        <translation>%1 %2: %3. The other records synced as usual.</translation>
    </message>
    <message>
        <source>记录太大，超过服务器能接收的大小</source>
        <translation>the record is larger than the server takes</translation>
    </message>
    <message>
        <source>记录的内容和它的校验值对不上（本机数据可能被改动过）</source>
        <translation>the record's content does not match its checksum (the data on this device may have been changed)</translation>
    </message>
    <message>
        <source>记录嵌套的层数太多</source>
        <translation>the record is nested too deep</translation>
    </message>
    <message>
        <source>记录里有服务器无法保存的文字（乱码或空字符）</source>
        <translation>the record holds text the server cannot store (garbled text or a null character)</translation>
    </message>
    <message>
        <source>记录的内容不符合服务器的要求（多了、少了或填错了栏目；本软件可能比服务器新）</source>
        <translation>the record's content is not what the server accepts (a field too many, missing or wrongly filled; this software may be newer than the server)</translation>
    </message>
    <message>
        <source>这种记录只能由服务器出具</source>
        <translation>only the server makes records of this kind</translation>
    </message>
    <message>
        <source>本机登记的身份不能上报这种记录</source>
        <translation>the role this device is enrolled for may not send records of this kind</translation>
    </message>
    <message>
        <source>记录属于本机辖区以外的地方</source>
        <translation>the record belongs to a place outside this device's area</translation>
    </message>
    <message>
        <source>专家只能处理重大隐患的记录</source>
        <translation>experts act only on major hazards</translation>
    </message>
    <message>
        <source>服务器不认可这把签名密钥（身份不符、已有别的密钥或时间不对）</source>
        <translation>the server does not accept this signing key (wrong role, another key already held, or a wrong time)</translation>
    </message>
    <message>
        <source>签名没有通过服务器的核验（密钥未经认可、身份不符或签名不对）</source>
        <translation>the signature did not pass the server's check (a key it has not attested, a wrong role, or a signature that does not verify)</translation>
    </message>
    <message>
        <source>记录引用的检查、隐患或文书服务器上没有</source>
        <translation>the inspection, hazard or document the record names is not on the server</translation>
    </message>
    <message>
        <source>文书编号已被另一份文书使用（本机可能是复制或恢复来的，请重新登记本机后再出具文书）</source>
        <translation>its document number is already held by another document (this device may be a copy or restored from a backup: enrol it again before issuing)</translation>
    </message>
    <message>
        <source>它所属的记录被服务器拒收，这条也一起留在本机</source>
        <translation>the record it belongs to was refused, so this one stays on this device with it</translation>
    </message>
    <message>
        <source>服务器拒收了这条记录</source>
        <translation>the server refused this record</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2：服务器拒收：%3。记录留在本机，没有删除；其余记录已照常同步。原因排除后（例如服务器升级后）可以重新发送。</source>
        <translation>%1 %2: refused by the server: %3. The record stays on this device, nothing was deleted; the other records synced as usual. Once the cause is gone (after a server upgrade, say) it can be sent again.</translation>
    </message>
</context>
<context>
    <name>short</name>
    <message>
        <source>已排查</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>已交办</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <source>已验收</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Struck off</translation>
    </message>
    <message>
        <source>回头看</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>疑似重大</source>
        <translation>Suspected</translation>
    </message>
</context>
<context>
    <name>siteimport</name>
    <message>
        <source>“%1”没有填写：每家单位都必须填写</source>
        <translation>“%1” is empty: every site needs it</translation>
    </message>
    <message>
        <source>代码被存成了数字，只保留了 15 位：请把这一列设为“文本”格式，再重新填写代码</source>
        <translation>The code was stored as a number, which keeps only 15 digits: format the column as text and type the code again</translation>
    </message>
    <message>
        <source>电话不正确：手机号为 11 位；座机要带区号，如 0371-65123456</source>
        <translation>Wrong phone number: a mobile has 11 digits; a landline needs its area code, e.g. 0371-65123456</translation>
    </message>
    <message>
        <source>风险等级应为 低风险、一般风险、较大风险 或 重大风险</source>
        <translation>The risk level must be 低风险, 一般风险, 较大风险 or 重大风险 (low, medium, high, major)</translation>
    </message>
    <message>
        <source>这个代码已登记为“%1”（一企一档）：请打开已有的单位，不要重复导入</source>
        <translation>This code is already registered as “%1” (one file per site): open the existing site instead of importing it again</translation>
    </message>
    <message>
        <source>与本表 %1 的代码重复（一企一档）</source>
        <translation>The same code as %1 in this file (one file per site)</translation>
    </message>
    <message>
        <source>公式没有保存计算结果：请在 Excel 或 WPS 中打开、保存后再导入</source>
        <translation>The formula has no saved result: open and save the file in Excel or WPS, then import it</translation>
    </message>
    <message>
        <source>内容不符合要求（可能过长），请改正</source>
        <translation>The value is not accepted (perhaps too long); correct it</translation>
    </message>
    <message>
        <source>表头中没有“%1”这一列</source>
        <translation>The header has no “%1” column</translation>
    </message>
    <message>
        <source>%1 是合并单元格：被合并的列下面有内容，却没有自己的表头；请取消合并，给每一列写上表头</source>
        <translation>%1 are merged header cells: a column under the merge holds values but has no header of its own; unmerge them and give each column its header</translation>
    </message>
    <message>
        <source>找不到表头：表中应有“单位名称”（或“企业名称”）一列</source>
        <translation>No header found: the table needs a 单位名称 (or 企业名称) column</translation>
    </message>
    <message>
        <source>表头下面没有单位</source>
        <translation>There are no sites below the header</translation>
    </message>
    <message>
        <source>只能导入 .xlsx 或 .csv 文件；.xls 请在 Excel 或 WPS 中另存为 .xlsx</source>
        <translation>Only .xlsx and .csv files can be imported; save an .xls file as .xlsx in Excel or WPS</translation>
    </message>
    <message>
        <source>文件不是 UTF-8 或 GBK 编码：请在 Excel 或 WPS 中另存为 CSV（UTF-8）</source>
        <translation>The file is neither UTF-8 nor GBK: save it as CSV (UTF-8) in Excel or WPS</translation>
    </message>
    <message>
        <source>文件打不开：不存在、已损坏，或不是 Excel 文件</source>
        <translation>The file cannot be opened: it is missing, damaged or not an Excel file</translation>
    </message>
    <message>
        <source>文件过大（超过 20 MB）</source>
        <translation>The file is too large (over 20 MB)</translation>
    </message>
    <message>
        <source>行数过多（超过 20000 行）：请分成几个文件导入</source>
        <translation>Too many rows (over 20,000): split it into several files</translation>
    </message>
    <message>
        <source>内容不符合要求</source>
        <translation>the content is not accepted</translation>
    </message>
    <message>
        <source>第 %1 行（%2）</source>
        <translation>row %1 (%2)</translation>
    </message>
    <message>
        <source>工作表“%1”</source>
        <translation>sheet “%1”</translation>
    </message>
</context>
<context>
    <name>uscc</name>
    <message>
        <source>可不填；个体工商户也有统一社会信用代码</source>
        <translation>Optional; sole traders have a unified social credit code too</translation>
    </message>
    <message>
        <source>第 %1 位“%2”不允许：代码只含数字和大写字母，不含 I、O、S、V、Z</source>
        <translation>Character %1 “%2” is not allowed: digits and capitals only, never I, O, S, V, Z</translation>
    </message>
    <message>
        <source>已输入 %1 位，还差 %2 位</source>
        <translation>%1 typed, %2 to go</translation>
    </message>
    <message>
        <source>多了 %1 位：代码共 18 位</source>
        <translation>%1 too many: the code has 18 characters</translation>
    </message>
    <message>
        <source>最后一位校验码应为“%1”，请核对营业执照</source>
        <translation>The check character should be “%1”; compare with the business licence</translation>
    </message>
    <message>
        <source>✓ 代码有效</source>
        <translation>✓ valid code</translation>
    </message>
</context>
<context>
    <name>values</name>
    <message>
        <source>机械加工</source>
        <translation>Machining</translation>
    </message>
    <message>
        <source>木制品加工</source>
        <translation>Woodworking</translation>
    </message>
    <message>
        <source>食品加工</source>
        <translation>Food processing</translation>
    </message>
    <message>
        <source>纺织</source>
        <translation>Textiles</translation>
    </message>
    <message>
        <source>餐饮</source>
        <translation>Catering</translation>
    </message>
    <message>
        <source>零售</source>
        <translation>Retail</translation>
    </message>
    <message>
        <source>住宿</source>
        <translation>Lodging</translation>
    </message>
    <message>
        <source>居住</source>
        <translation>Residential</translation>
    </message>
    <message>
        <source>汽车维修</source>
        <translation>Car repair</translation>
    </message>
    <message>
        <source>房屋建筑</source>
        <translation>Building construction</translation>
    </message>
    <message>
        <source>仓储物流</source>
        <translation>Warehousing and logistics</translation>
    </message>
    <message>
        <source>化工</source>
        <translation>Chemicals</translation>
    </message>
    <message>
        <source>粉尘涉爆</source>
        <translation>Combustible dust</translation>
    </message>
    <message>
        <source>涉氨制冷</source>
        <translation>Ammonia refrigeration</translation>
    </message>
    <message>
        <source>有限空间作业</source>
        <translation>Confined-space work</translation>
    </message>
    <message>
        <source>小微企业</source>
        <translation>Small business</translation>
    </message>
    <message>
        <source>九小场所</source>
        <translation>Small public venue</translation>
    </message>
    <message>
        <source>出租房</source>
        <translation>Rented housing</translation>
    </message>
    <message>
        <source>建筑工地</source>
        <translation>Construction site</translation>
    </message>
    <message>
        <source>厂中厂</source>
        <translation>Factory within a factory</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
</TS>