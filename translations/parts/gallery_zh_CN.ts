<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttributeDefsDialog</name>
    <message>
        <source>Yes / no</source>
        <translation>是 / 否</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Attributes of {name}</source>
        <translation>{name} 的属性</translation>
    </message>
    <message>
        <source>Attributes describe each picture of {name} (glasses, outfit …). They show up in the side panel for images labelled as this character.</source>
        <translation>属性用来描述 {name} 的每张图片（眼镜、服装……）。标注为该角色的图片会在侧边栏中显示这些属性。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>可选值</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rename attribute</source>
        <translation>重命名属性</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>Delete the attribute {key} of {name} and every value of it?</source>
        <translation>删除 {name} 的属性 {key} 及其所有取值？</translation>
    </message>
</context>
<context>
    <name>AttributeEditor</name>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Define attributes…</source>
        <translation>定义属性…</translation>
    </message>
    <message>
        <source>Select images to see their attributes.</source>
        <translation>选择图片以查看其属性。</translation>
    </message>
    <message>
        <source>Attributes belong to a character: label these images first, or select images of one character.</source>
        <translation>属性属于某个角色：请先标注这些图片，或只选择同一角色的图片。</translation>
    </message>
    <message>
        <source>Attributes of {name}</source>
        <translation>{name} 的属性</translation>
    </message>
    <message>
        <source>{name} has no attributes yet.</source>
        <translation>{name} 还没有属性。</translation>
    </message>
    <message>
        <source>(mixed)</source>
        <translation>（混合）</translation>
    </message>
</context>
<context>
    <name>AttributeForm</name>
    <message>
        <source>New attribute of {name}</source>
        <translation>{name} 的新属性</translation>
    </message>
    <message>
        <source>e.g. glasses, outfit, hair_up</source>
        <translation>例如：眼镜、服装、扎发</translation>
    </message>
    <message>
        <source>school, casual, swimsuit</source>
        <translation>校服, 便服, 泳装</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>可选值</translation>
    </message>
</context>
<context>
    <name>CharacterPanel</name>
    <message>
        <source>Characters</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>New character…</source>
        <translation>新建角色…</translation>
    </message>
    <message>
        <source>Click: label the selection as only this one · drop thumbnails · keys 1–9 add/remove it</source>
        <translation>单击：将所选图片只标注为该角色 · 可拖入缩略图 · 按键 1–9 添加/移除该角色</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Attributes…</source>
        <translation>属性…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Click or drop to label the selection · keys 1–9 add/remove · 0 clears</source>
        <translation>单击或拖放以标注所选图片 · 按键 1–9 添加/移除 · 0 清除</translation>
    </message>
    <message>
        <source>New character</source>
        <translation>新建角色</translation>
    </message>
    <message>
        <source>Name of the character:</source>
        <translation>角色名称：</translation>
    </message>
    <message>
        <source>Rename character</source>
        <translation>重命名角色</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>Merge characters</source>
        <translation>合并角色</translation>
    </message>
    <message>
        <source>Move every image of {name} to:</source>
        <translation>将 {name} 的所有图片移到：</translation>
    </message>
    <message>
        <source>Merge {source} into {target}? {source} is removed. This cannot be undone.</source>
        <translation>将 {source} 合并到 {target}？{source} 将被移除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Delete {name}? Its images stay in the library, unlabelled. This cannot be undone.</source>
        <translation>删除 {name}？其图片仍保留在图库中，变为未标注。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Label selection as {name}</source>
        <translation>将所选图片标注为 {name}</translation>
    </message>
    <message>
        <source>Show only {name}</source>
        <translation>只显示 {name}</translation>
    </message>
</context>
<context>
    <name>DetailBoxes</name>
    <message>
        <source>No face detection: {reason}</source>
        <translation>无法进行脸部检测：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n face(s) found, {unnamed} not named yet (dashed)</source>
        <translation>
            <numerusform>找到 %n 个脸部，{unnamed} 个尚未命名（虚线框）</numerusform>
        </translation>
    </message>
    <message>
        <source>No face found</source>
        <translation>未找到脸部</translation>
    </message>
    <message>
        <source>drag on the picture to draw a box · click a box to name or delete it</source>
        <translation>在图片上拖动可画框 · 单击框可命名或删除</translation>
    </message>
    <message>
        <source>Who is in this box?</source>
        <translation>框中是谁？</translation>
    </message>
    <message>
        <source>This face is</source>
        <translation>这个脸部是</translation>
    </message>
    <message>
        <source>Delete the box of {name}</source>
        <translation>删除 {name} 的框</translation>
    </message>
</context>
<context>
    <name>GalleryCoreText</name>
    <message>
        <source>image has zero width or height</source>
        <translation>图片的宽度或高度为零</translation>
    </message>
    <message>
        <source>image is {0}x{1} pixels, over the {2}-pixel safety limit</source>
        <translation>图片为 {0}x{1} 像素，超过 {2} 像素的安全上限</translation>
    </message>
    <message>
        <source>image is {0}x{1} pixels, a side over the {2}-pixel safety limit</source>
        <translation>图片为 {0}x{1} 像素，有一边超过 {2} 像素的安全上限</translation>
    </message>
    <message>
        <source>cannot read file ({0})</source>
        <translation>无法读取文件（{0}）</translation>
    </message>
    <message>
        <source>refused as a decompression bomb ({0})</source>
        <translation>疑似解压炸弹，已拒绝（{0}）</translation>
    </message>
    <message>
        <source>not an image Pillow can read</source>
        <translation>不是 Pillow 能读取的图片</translation>
    </message>
    <message>
        <source>not enough memory to decode this image</source>
        <translation>内存不足，无法解码此图片</translation>
    </message>
    <message>
        <source>truncated or incomplete image data ({0})</source>
        <translation>图片数据被截断或不完整（{0}）</translation>
    </message>
    <message>
        <source>corrupt image data ({0})</source>
        <translation>图片数据损坏（{0}）</translation>
    </message>
    <message>
        <source>decoding took longer than the {0} s limit (damaged or deliberately slow file)</source>
        <translation>解码时间超过 {0} 秒上限（文件损坏或被刻意构造为解码缓慢）</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <source>not an image (content is none of {0})</source>
        <translation>不是图片（内容不属于 {0} 中任何一种）</translation>
    </message>
    <message>
        <source>face detection needs OpenCV (module cv2), which is not installed: install it with: {0}</source>
        <translation>脸部检测需要 OpenCV（cv2 模块），但尚未安装：请用以下命令安装：{0}</translation>
    </message>
    <message>
        <source>OpenCV {0} has no cascade detector (OpenCV 5 removed it): install it with: {1}</source>
        <translation>OpenCV {0} 没有级联检测器（OpenCV 5 已将其移除）：请用以下命令安装：{1}</translation>
    </message>
    <message>
        <source>cannot read the face model {0} ({1}): reinstall AnimeID, the file ships with it</source>
        <translation>无法读取脸部模型 {0}（{1}）：请重新安装 AnimeID，该文件随程序提供</translation>
    </message>
    <message>
        <source>the face model {0} is not an OpenCV cascade file (damaged?): reinstall AnimeID to restore it</source>
        <translation>脸部模型 {0} 不是 OpenCV 级联文件（已损坏？）：请重新安装 AnimeID 以恢复</translation>
    </message>
</context>
<context>
    <name>GalleryFilters</name>
    <message>
        <source>All images</source>
        <translation>全部图片</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>Predicted, not confirmed</source>
        <translation>已预测，未确认</translation>
    </message>
    <message>
        <source>Group shots</source>
        <translation>合照</translation>
    </message>
    <message>
        <source>Order added</source>
        <translation>添加顺序</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Search file names…</source>
        <translation>搜索文件名…</translation>
    </message>
    <message>
        <source>…and also this character (images that contain both)</source>
        <translation>……同时还有这个角色（同时包含两者的图片）</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>缩略图大小</translation>
    </message>
    <message>
        <source>Show all images again</source>
        <translation>重新显示全部图片</translation>
    </message>
    <message>
        <source>Any character</source>
        <translation>任意角色</translation>
    </message>
    <message>
        <source>and…</source>
        <translation>和…</translation>
    </message>
    <message>
        <source>and {name}</source>
        <translation>和 {name}</translation>
    </message>
    <message>
        <source>Any attribute</source>
        <translation>任意属性</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>GalleryPage</name>
    <message numerus="yes">
        <source>{shown} of %n image(s)</source>
        <translation>
            <numerusform>{shown} / %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>drag folders here to import</source>
        <translation>将文件夹拖到此处即可导入</translation>
    </message>
    <message>
        <source>Select images first, then click a character (or press its number)</source>
        <translation>请先选择图片，再单击一个角色（或按其数字键）</translation>
    </message>
    <message numerus="yes">
        <source>confirm %n prediction(s)</source>
        <translation>
            <numerusform>确认 %n 个预测</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label %n image(s) as</source>
        <translation>
            <numerusform>将 %n 张图片标注为</numerusform>
        </translation>
    </message>
    <message>
        <source>New character…</source>
        <translation>新建角色…</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Confirm prediction</source>
        <translation>确认预测</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Find similar</source>
        <translation>查找相似图片</translation>
    </message>
    <message>
        <source>Finding similar images</source>
        <translation>正在查找相似图片</translation>
    </message>
</context>
<context>
    <name>ImageDetail</name>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Confirm prediction</source>
        <translation>确认预测</translation>
    </message>
    <message>
        <source>Label the selected images with their predicted character</source>
        <translation>将所选图片标注为其预测的角色</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>from folder</source>
        <translation>来自文件夹</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>No prediction yet</source>
        <translation>尚无预测</translation>
    </message>
    <message>
        <source>No model trained yet</source>
        <translation>尚未训练模型</translation>
    </message>
    <message>
        <source>unlabelled ({count})</source>
        <translation>未标注（{count}）</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Select an image</source>
        <translation>请选择一张图片</translation>
    </message>
    <message>
        <source>Cannot show this image:
{error}</source>
        <translation>无法显示此图片：
{error}</translation>
    </message>
</context>
<context>
    <name>PageSpec</name>
    <message>
        <source>Gallery</source>
        <translation>图库浏览</translation>
    </message>
    <message>
        <source>Browse, filter and label your images</source>
        <translation>浏览、筛选并标注你的图片</translation>
    </message>
</context>
<context>
    <name>SimilarDialog</name>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Similar to image {id}</source>
        <translation>与图片 {id} 相似</translation>
    </message>
    <message>
        <source>Similar images</source>
        <translation>相似图片</translation>
    </message>
    <message numerus="yes">
        <source>%n closest image(s); score = cosine similarity of the features (1 = same look).</source>
        <translation>
            <numerusform>%n 张最相近的图片；得分 = 特征的余弦相似度（1 = 外观相同）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No other image in the library.</source>
        <translation>图库中没有其他图片。</translation>
    </message>
    <message>
        <source>Show in gallery</source>
        <translation>在图库浏览中显示</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ThumbnailDelegate</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>ThumbnailView</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图片</numerusform>
        </translation>
    </message>
</context>
</TS>
