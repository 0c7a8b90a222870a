<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>user-interface form {path} is missing; reinstall AnimeID Desktop</source>
        <translation>界面文件 {path} 缺失，请重新安装 AnimeID Desktop</translation>
    </message>
    <message>
        <source>user-interface form {path} could not be read</source>
        <translation>无法读取界面文件 {path}</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <source>About AnimeID Desktop</source>
        <translation>关于 AnimeID Desktop</translation>
    </message>
    <message>
        <source>Offline tagging, training and recognition of anime characters in your own collection. No account, no network.</source>
        <translation>在你自己的收藏中离线标注、训练和识别动漫角色。无需账号，无需联网。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>运行环境</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Version {version} · loading the recognition engine…</source>
        <translation>版本 {version} · 正在加载识别引擎…</translation>
    </message>
    <message>
        <source>This library has no images yet.

Build a demo library of synthetic characters to try things out? (You can also drag your own folders onto the window: subfolders named after characters are labelled on import.)</source>
        <translation>这个图库还没有图片。

要生成一个由合成角色组成的演示图库来试用吗？（你也可以把自己的文件夹拖到窗口上：以角色命名的子文件夹会在导入时自动标注。）</translation>
    </message>
    <message>
        <source>Build demo</source>
        <translation>生成演示图库</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>scanning folders</source>
        <translation>正在扫描文件夹</translation>
    </message>
    <message>
        <source>drawing synthetic characters</source>
        <translation>正在绘制合成角色</translation>
    </message>
    <message>
        <source>hashing</source>
        <translation>正在计算哈希</translation>
    </message>
    <message>
        <source>checking files</source>
        <translation>正在检查文件</translation>
    </message>
    <message>
        <source>listing files</source>
        <translation>正在列出文件</translation>
    </message>
    <message>
        <source>computing features</source>
        <translation>正在计算特征</translation>
    </message>
    <message>
        <source>computing general features</source>
        <translation>正在计算通用特征</translation>
    </message>
    <message>
        <source>comparing images</source>
        <translation>正在比较图片</translation>
    </message>
    <message>
        <source>faces</source>
        <translation>脸部</translation>
    </message>
    <message>
        <source>perceptual hashes</source>
        <translation>感知哈希</translation>
    </message>
    <message>
        <source>grouping similar images</source>
        <translation>正在将相似图片分组</translation>
    </message>
    <message>
        <source>finding neighbours</source>
        <translation>正在查找近邻</translation>
    </message>
    <message>
        <source>attribute heads trained</source>
        <translation>属性分类头已训练</translation>
    </message>
    <message>
        <source>exporting the network</source>
        <translation>正在导出网络</translation>
    </message>
    <message>
        <source>checking against PyTorch on the validation images</source>
        <translation>正在用验证集图片与 PyTorch 结果比对</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>recognising</source>
        <translation>正在识别</translation>
    </message>
    <message>
        <source>decoding images</source>
        <translation>正在解码图片</translation>
    </message>
    <message>
        <source>cross-validating views</source>
        <translation>正在交叉验证视图</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>正在准备</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>training head</source>
        <translation>正在训练分类头</translation>
    </message>
    <message>
        <source>initialising the classifier</source>
        <translation>正在初始化分类器</translation>
    </message>
    <message>
        <source>decoding validation images</source>
        <translation>正在解码验证集图片</translation>
    </message>
    <message>
        <source>fine-tuning</source>
        <translation>正在微调</translation>
    </message>
    <message>
        <source>calibrating &apos;unknown&apos;</source>
        <translation>正在校准“未知”</translation>
    </message>
    <message>
        <source>finding near-duplicates</source>
        <translation>正在查找近似重复</translation>
    </message>
    <message>
        <source>final fit</source>
        <translation>最终拟合</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>batch 1</source>
        <translation>第 1 批</translation>
    </message>
    <message>
        <source>batch N</source>
        <translation>第 N 批</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs}</source>
        <translation>第 {epoch}/{epochs} 轮</translation>
    </message>
    <message>
        <source>{cached} cached, {todo} to compute</source>
        <translation>已缓存 {cached} 个，待计算 {todo} 个</translation>
    </message>
    <message>
        <source>{cached} cached, {todo} to detect</source>
        <translation>已缓存 {cached} 个，待检测 {todo} 个</translation>
    </message>
    <message>
        <source>{cached} cached, {todo} to hash</source>
        <translation>已缓存 {cached} 个，待计算哈希 {todo} 个</translation>
    </message>
    <message>
        <source>downloading {file}</source>
        <translation>正在下载 {file}</translation>
    </message>
    <message>
        <source>attribute {key}</source>
        <translation>属性 {key}</translation>
    </message>
    <message>
        <source>cross-validating views: {views}</source>
        <translation>正在交叉验证视图：{views}</translation>
    </message>
    <message>
        <source>choosing views ({folds}-fold cross-validation)</source>
        <translation>正在选择视图（{folds} 折交叉验证）</translation>
    </message>
    <message>
        <source>final fit {k} of {n}</source>
        <translation>最终拟合 {k}/{n}</translation>
    </message>
    <message>
        <source>{message} on all {count} images</source>
        <translation>{message}（全部 {count} 张图片）</translation>
    </message>
    <message>
        <source>label {count} image(s) as {character}</source>
        <translation>将 {count} 张图片标注为 {character}</translation>
    </message>
    <message>
        <source>unlabel {count} image(s)</source>
        <translation>取消标注 {count} 张图片</translation>
    </message>
    <message>
        <source>set {names} on {count} image(s)</source>
        <translation>为 {count} 张图片设置 {names}</translation>
    </message>
    <message>
        <source>add {character} to {count} image(s)</source>
        <translation>为 {count} 张图片添加 {character}</translation>
    </message>
    <message>
        <source>remove {character} from {count} image(s)</source>
        <translation>从 {count} 张图片中移除 {character}</translation>
    </message>
    <message>
        <source>remove the box of {character} on 1 image</source>
        <translation>移除 1 张图片上 {character} 的脸部框</translation>
    </message>
    <message>
        <source>box the faces of {count} image(s)</source>
        <translation>为 {count} 张图片框出脸部</translation>
    </message>
    <message>
        <source>add {character} with a box on 1 image</source>
        <translation>在 1 张图片上添加带脸部框的 {character}</translation>
    </message>
    <message>
        <source>box {character} on 1 image</source>
        <translation>在 1 张图片上框出 {character}</translation>
    </message>
    <message>
        <source>confirm {count} image(s)</source>
        <translation>确认 {count} 张图片</translation>
    </message>
    <message>
        <source>confirm {count} predicted attribute value(s)</source>
        <translation>确认 {count} 个预测的属性值</translation>
    </message>
    <message>
        <source>[{k}/{n}] {message}</source>
        <translation>[{k}/{n}] {message}</translation>
    </message>
    <message>
        <source>{name}: {message}</source>
        <translation>{name}：{message}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.avif *.heic *.heif *.jxl);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.avif *.heic *.heif *.jxl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>FolderWatcher</name>
    <message numerus="yes">
        <source>Watched folders: %n new image(s) ({labelled} labelled)</source>
        <translation>
            <numerusform>监视文件夹：新增 %n 张图片（{labelled} 张已标注）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not imported as they are, e.g. {path}: {reason} (Settings → Watched Folders lists them)</source>
        <translation>
            <numerusform>%n 个文件未按原样导入，例如 {path}：{reason}（设置 → 监视文件夹中列出了它们）</numerusform>
        </translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Watching folders stopped: {message}</source>
        <translation>文件夹监视已停止：{message}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Added %n image(s)</source>
        <translation>
            <numerusform>已添加 %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library</source>
        <translation>
            <numerusform>%n 张已在图库中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled from folder names ({tagged} from XMP or caption tags)</source>
        <translation>
            <numerusform>%n 张按文件夹名标注（其中 {tagged} 张来自 XMP 或说明文字标签）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled from folder names</source>
        <translation>
            <numerusform>%n 张按文件夹名标注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n moved file(s) found again</source>
        <translation>
            <numerusform>重新找到 %n 个已移动的文件</numerusform>
        </translation>
    </message>
    <message>
        <source>{parts} in {seconds} s.</source>
        <translation>{parts}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Cancelled. Everything examined so far was kept. {summary}</source>
        <translation>已取消。目前已检查的内容都已保留。{summary}</translation>
    </message>
    <message numerus="yes">
        <source>{summary} %n file(s) skipped:</source>
        <translation>
            <numerusform>{summary}已跳过 %n 个文件：</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>跳过原因</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{done} of {total}  ·  {message}</source>
        <translation>{done}/{total}  ·  {message}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>The import stopped: {message}</source>
        <translation>导入已停止：{message}</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n item(s)</source>
        <translation>
            <numerusform>正在导入 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n item(s)</source>
        <translation>
            <numerusform>已导入 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Building the demo library</source>
        <translation>正在生成演示图库</translation>
    </message>
    <message>
        <source>Built the demo library</source>
        <translation>演示图库已生成</translation>
    </message>
    <message>
        <source>Demo library</source>
        <translation>演示图库</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>简体中文 was chosen, but no installed font can show Chinese characters, so AnimeID Desktop is in English for now. Install a CJK font (for example Noto Sans CJK: the fonts-noto-cjk package on Debian and Ubuntu), then start the app again.</source>
        <translation>已选择简体中文，但系统中没有能显示中文的字体，因此 AnimeID Desktop 暂时使用英文。请安装一种中日韩（CJK）字体（例如 Noto Sans CJK：Debian 和 Ubuntu 上的 fonts-noto-cjk 软件包），然后重新启动应用。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The new language applies when AnimeID Desktop starts again. Restart now?</source>
        <translation>新的语言将在 AnimeID Desktop 重新启动后生效。现在重新启动吗？</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新启动</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Library…</source>
        <translation>新建图库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Library…</source>
        <translation>打开图库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import Folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;Files…</source>
        <translation>导入文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Add &amp;Demo Characters</source>
        <translation>添加演示角色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export Labels (seed files)…</source>
        <translation>导出标签（种子文件）(&amp;E)…</translation>
    </message>
    <message>
        <source>Export as Character &amp;Folders…</source>
        <translation>按角色导出到文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Watched Folders…</source>
        <translation>监视文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About AnimeID Desktop</source>
        <translation>关于 AnimeID Desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Choose an empty folder for the new library</source>
        <translation>为新图库选择一个空文件夹</translation>
    </message>
    <message>
        <source>{folder} is not empty. Create the library there anyway?</source>
        <translation>{folder} 不是空的。仍要在那里创建图库吗？</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Open a library folder</source>
        <translation>打开图库文件夹</translation>
    </message>
    <message>
        <source>No recent libraries</source>
        <translation>没有最近打开的图库</translation>
    </message>
    <message>
        <source>{library} — AnimeID Desktop</source>
        <translation>{library} — AnimeID Desktop</translation>
    </message>
    <message>
        <source>No library</source>
        <translation>未打开图库</translation>
    </message>
    <message numerus="yes">
        <source>Library: {path}  ·  %n image(s)</source>
        <translation>
            <numerusform>图库：{path}  ·  %n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a folder (subfolders named after characters label on import)</source>
        <translation>导入文件夹（以角色命名的子文件夹会在导入时自动标注）</translation>
    </message>
    <message>
        <source>Import images</source>
        <translation>导入图片</translation>
    </message>
    <message>
        <source>Export labels and attributes (seed files) into folder</source>
        <translation>将标签和属性（种子文件）导出到文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n label(s) of {characters} characters to {folder}</source>
        <translation>
            <numerusform>已将 {characters} 个角色的 %n 个标签写入 {folder}</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy labelled images into one folder per character, inside</source>
        <translation>将已标注的图片按角色复制到各自的文件夹，位于</translation>
    </message>
    <message>
        <source>Exporting character folders</source>
        <translation>正在导出角色文件夹</translation>
    </message>
    <message>
        <source>Exported character folders</source>
        <translation>角色文件夹已导出</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n image(s) ({unchanged} were already there) into {characters} folders in {folder}.</source>
        <translation>
            <numerusform>已将 %n 张图片（其中 {unchanged} 张原已存在）复制到 {folder} 中的 {characters} 个文件夹。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>撤销(&amp;U) {action}</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>重做(&amp;R) {action}</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Open a library first (File → Open Library…); watched folders belong to it.</source>
        <translation>请先打开一个图库（文件 → 打开图库…）；监视文件夹属于图库。</translation>
    </message>
    <message>
        <source>Gallery
  1 … 9          add the n-th character to the selected images (again: remove it)
  0 / Delete     remove all their labels
  drag on preview   draw a character&apos;s box (right-click a box to change it)
  Ctrl+A         select all shown images
  Ctrl+Z / Ctrl+Shift+Z   undo / redo (bulk operations included)

Library
  Ctrl+O         open a library          Ctrl+Shift+N   new library
  Ctrl+I         import a folder         Ctrl+Shift+I   import files
  Ctrl+E         export labels           drag folders onto the window to import

Pages
  Ctrl+1 … Ctrl+9   switch page</source>
        <translation>图库浏览
  1 … 9          为选中的图片添加第 n 个角色（再按一次：移除）
  0 / Delete     移除它们的全部标签
  在预览上拖动   画出角色的脸部框（右键单击框可修改）
  Ctrl+A         选中所有显示的图片
  Ctrl+Z / Ctrl+Shift+Z   撤销 / 重做（包括批量操作）

图库
  Ctrl+O         打开图库                Ctrl+Shift+N   新建图库
  Ctrl+I         导入文件夹              Ctrl+Shift+I   导入文件
  Ctrl+E         导出标签                把文件夹拖到窗口上即可导入

页面
  Ctrl+1 … Ctrl+9   切换页面</translation>
    </message>
</context>
<context>
    <name>ModelStatus</name>
    <message>
        <source>no model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>head</source>
        <translation>分类头</translation>
    </message>
    <message>
        <source>finetune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>{accuracy} val</source>
        <translation>验证集 {accuracy}</translation>
    </message>
    <message>
        <source>Model: {model}</source>
        <translation>模型：{model}</translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <source>Group shot</source>
        <translation>合照</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>no library is open (File → Open Library…)</source>
        <translation>没有打开的图库（文件 → 打开图库…）</translation>
    </message>
    <message>
        <source>{change} — Ctrl+Z undoes</source>
        <translation>{change} — 按 Ctrl+Z 撤销</translation>
    </message>
    <message numerus="yes">
        <source>Labelling %n image(s) as {character}</source>
        <translation>
            <numerusform>正在将 %n 张图片标注为 {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing {character} from %n image(s)</source>
        <translation>
            <numerusform>正在从 %n 张图片中移除 {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding {character} to %n image(s)</source>
        <translation>
            <numerusform>正在为 %n 张图片添加 {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing %n label(s)</source>
        <translation>
            <numerusform>正在移除 %n 个标签</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelling %n image(s)</source>
        <translation>
            <numerusform>正在标注 %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Setting attributes of %n image(s)</source>
        <translation>
            <numerusform>正在设置 %n 张图片的属性</numerusform>
        </translation>
    </message>
    <message>
        <source>Undid: {change}</source>
        <translation>已撤销：{change}</translation>
    </message>
    <message>
        <source>Redid: {change}</source>
        <translation>已重做：{change}</translation>
    </message>
    <message numerus="yes">
        <source>Merged {source} into {target} (%n image(s))</source>
        <translation>
            <numerusform>已将 {source} 合并到 {target}（%n 张图片）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted {name}; %n image(s) are unlabelled now</source>
        <translation>
            <numerusform>已删除 {name}；%n 张图片现在未标注</numerusform>
        </translation>
    </message>
    <message>
        <source>an attribute needs a non-empty name</source>
        <translation>属性名称不能为空</translation>
    </message>
    <message>
        <source>{character} already has an attribute called &apos;{name}&apos;</source>
        <translation>{character} 已有名为“{name}”的属性</translation>
    </message>
    <message>
        <source>Deleted attribute {key} of {character}</source>
        <translation>已删除 {character} 的属性 {key}</translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestion(s)</source>
        <translation>
            <numerusform>已拒绝 %n 条建议</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WatchedFoldersDialog</name>
    <message>
        <source>Pictures that appear or change in these folders are imported while AnimeID runs, and on the next start when they arrived while it was closed. Subfolders name characters, as when importing; loose pictures take their labels from XMP sidecars or caption files beside them.</source>
        <translation>这些文件夹中新出现或有改动的图片会在 AnimeID 运行时导入；在应用关闭期间到达的图片会在下次启动时导入。与导入时一样，子文件夹的名称即角色名；散放的图片从旁边的 XMP 附属文件或说明文字文件中获取标签。</translation>
    </message>
    <message>
        <source>Watched Folders</source>
        <translation>监视文件夹</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Stop Watching</source>
        <translation>停止监视</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why it was not imported as it is</source>
        <translation>未按原样导入的原因</translation>
    </message>
    <message numerus="yes">
        <source>Files not imported as they are (%n)</source>
        <translation>
            <numerusform>未按原样导入的文件（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>Every file the watcher saw was imported.</source>
        <translation>监视到的所有文件都已导入。</translation>
    </message>
    <message>
        <source>Watch a folder of pictures</source>
        <translation>监视一个图片文件夹</translation>
    </message>
</context>
</TS>
