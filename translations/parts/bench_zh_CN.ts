<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttributesPanel</name>
    <message>
        <source>Attributes predicted too</source>
        <translation>同时预测的属性</translation>
    </message>
    <message>
        <source>Train attribute predictors</source>
        <translation>训练属性预测器</translation>
    </message>
    <message>
        <source>Confirm when at least</source>
        <translation>置信度至少为</translation>
    </message>
    <message>
        <source>Confirm predicted values</source>
        <translation>确认预测值</translation>
    </message>
    <message>
        <source>Store confident predictions on labelled images that have no value yet (one undo step)</source>
        <translation>把置信度足够的预测值保存到尚无该值的已标注图片上（一步即可撤销）</translation>
    </message>
    <message>
        <source>Set attribute values on some labelled images (at least {minimum} per attribute), then train predictors.</source>
        <translation>先在一些已标注图片上设置属性值（每个属性至少 {minimum} 张），再训练预测器。</translation>
    </message>
    <message>
        <source>too few examples to measure</source>
        <translation>样本太少，无法评估</translation>
    </message>
    <message>
        <source>{accuracy} right (guessing the commonest value: {baseline})</source>
        <translation>正确率 {accuracy}（总猜最常见的值：{baseline}）</translation>
    </message>
    <message numerus="yes">
        <source>{attribute}: {accuracy}, from %n images</source>
        <translation>
            <numerusform>{attribute}：{accuracy}，基于 %n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <source>{line} — not better than guessing yet, not used: label more examples</source>
        <translation>{line} —— 尚不比瞎猜好，暂不使用：请标注更多样本</translation>
    </message>
    <message>
        <source>Training attribute predictors</source>
        <translation>正在训练属性预测器</translation>
    </message>
    <message>
        <source>Confirming predicted attributes</source>
        <translation>正在确认预测的属性</translation>
    </message>
</context>
<context>
    <name>BenchCharts</name>
    <message>
        <source>Save “{title}” as a PNG image</source>
        <translation>将“{title}”保存为 PNG 图片</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Milliseconds per image; lower is faster (forward pass only).</source>
        <translation>每张图片的毫秒数；越低越快（仅前向计算）。</translation>
    </message>
    <message>
        <source>batch 1</source>
        <translation>批大小 1</translation>
    </message>
    <message>
        <source>batch N</source>
        <translation>批大小 N</translation>
    </message>
    <message>
        <source>ms / image</source>
        <translation>ms / 张</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Model file and peak memory added by loading and running it (MB).</source>
        <translation>模型文件大小，以及加载并运行它所增加的峰值内存（MB）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>peak memory</source>
        <translation>峰值内存</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Validation accuracy (%) of each model&apos;s latest training run.</source>
        <translation>各模型最近一次训练记录的验证集准确率（%）。</translation>
    </message>
    <message>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终</translation>
    </message>
    <message>
        <source>not trained</source>
        <translation>未训练</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并列对比</translation>
    </message>
    <message>
        <source>Each relative to the best model: 100 = best (accuracy by mistakes made).</source>
        <translation>均相对于最好的模型：100 = 最佳（准确率按错误数计算）。</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>small file</source>
        <translation>文件小</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>% of best</source>
        <translation>占最佳的 %</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>low memory</source>
        <translation>内存低</translation>
    </message>
    <message>
        <source>Radar</source>
        <translation>雷达图</translation>
    </message>
    <message>
        <source>Relative to the best model: outer ring = best (untrained: accuracy 0).</source>
        <translation>相对于最好的模型：最外圈 = 最佳（未训练：准确率记为 0）。</translation>
    </message>
    <message>
        <source>Up and left is better; the bigger the point, the bigger the model file.</source>
        <translation>越靠左上越好；点越大，模型文件越大。</translation>
    </message>
    <message>
        <source>Speed vs. accuracy</source>
        <translation>速度与准确率</translation>
    </message>
    <message>
        <source>ms / image (batch 1)</source>
        <translation>ms / 张（批大小 1）</translation>
    </message>
    <message>
        <source>best val. accuracy %</source>
        <translation>最佳验证集准确率 %</translation>
    </message>
    <message numerus="yes">
        <source>{note} Not shown: %n model(s) without accuracy or speed.</source>
        <translation>
            <numerusform>{note}未显示：%n 个缺少准确率或速度的模型。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BenchControls</name>
    <message>
        <source>Head only (fast)</source>
        <translation>仅训练分类头（快）</translation>
    </message>
    <message>
        <source>Only the last layer learns; the pretrained backbone stays frozen</source>
        <translation>只训练最后一层；预训练的主干网络保持冻结</translation>
    </message>
    <message>
        <source>Fine-tune (slow)</source>
        <translation>微调（慢）</translation>
    </message>
    <message>
        <source>The whole network learns: more accurate, much slower on a CPU</source>
        <translation>训练整个网络：更准确，但在 CPU 上慢得多</translation>
    </message>
    <message>
        <source>{model} (the offline default): {about}</source>
        <translation>{model}（离线默认模型）：{about}</translation>
    </message>
    <message>
        <source>{model}: {about}</source>
        <translation>{model}：{about}</translation>
    </message>
    <message>
        <source>Images per forward pass for the throughput measurement (batch N)</source>
        <translation>测量吞吐量时每次前向计算的图片数（批大小 N）</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU threads torch may use (auto = one per physical core)</source>
        <translation>torch 可使用的 CPU 线程数（自动 = 每个物理核心一个）</translation>
    </message>
    <message>
        <source>Timed runs at batch 1 (a third of them at batch N); more = steadier numbers</source>
        <translation>批大小 1 时的计时次数（批大小 N 时为其三分之一）；次数越多，数字越稳定</translation>
    </message>
    <message>
        <source>Run benchmark</source>
        <translation>运行基准测试</translation>
    </message>
    <message>
        <source>Measure the ticked models one at a time, each in its own process</source>
        <translation>逐个测量勾选的模型，每个模型在单独的进程中运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Speed, size and memory are measured on this computer, one model at a time in its own process; accuracy and training time come from each model&apos;s latest training run.</source>
        <translation>速度、大小和内存在这台电脑上测量，每次一个模型、各自在单独的进程中；准确率和训练时间来自各模型最近一次训练记录。</translation>
    </message>
    <message>
        <source>Train all four</source>
        <translation>训练全部四个</translation>
    </message>
    <message>
        <source>Train {models} one after another in the background, then refresh this page</source>
        <translation>在后台依次训练 {models}，然后刷新此页面</translation>
    </message>
    <message>
        <source>Charts…</source>
        <translation>图表…</translation>
    </message>
    <message>
        <source>Save all six charts as PNG images into a folder</source>
        <translation>把全部六张图表保存为 PNG 图片到一个文件夹</translation>
    </message>
    <message>
        <source>Save the table as CSV (raw numbers, for spreadsheets)</source>
        <translation>将表格保存为 CSV（原始数字，供电子表格使用）</translation>
    </message>
    <message>
        <source>Save the table as a Markdown table</source>
        <translation>将表格保存为 Markdown 表格</translation>
    </message>
    <message>
        <source>Batch N</source>
        <translation>批大小 N</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>BenchText</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>ms/image (batch 1)</source>
        <translation>ms/张（批大小 1）</translation>
    </message>
    <message>
        <source>p95 ms (batch 1)</source>
        <translation>p95 ms（批大小 1）</translation>
    </message>
    <message>
        <source>ms/image (batch N)</source>
        <translation>ms/张（批大小 N）</translation>
    </message>
    <message>
        <source>p95 ms/image (batch N)</source>
        <translation>p95 ms/张（批大小 N）</translation>
    </message>
    <message>
        <source>images/s (batch 1)</source>
        <translation>张/秒（批大小 1）</translation>
    </message>
    <message>
        <source>images/s (batch N)</source>
        <translation>张/秒（批大小 N）</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>file MB</source>
        <translation>文件 MB</translation>
    </message>
    <message>
        <source>peak memory MB</source>
        <translation>峰值内存 MB</translation>
    </message>
    <message>
        <source>GPU memory MB</source>
        <translation>GPU 内存 MB</translation>
    </message>
    <message>
        <source>best val acc</source>
        <translation>最佳验证集准确率</translation>
    </message>
    <message>
        <source>final val acc</source>
        <translation>最终验证集准确率</translation>
    </message>
    <message>
        <source>training time</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <source>val images</source>
        <translation>验证集图片</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>timed weights</source>
        <translation>计时所用权重</translation>
    </message>
    <message>
        <source>trained run</source>
        <translation>已训练的模型</translation>
    </message>
    <message>
        <source>random init (timing only)</source>
        <translation>随机初始化（仅用于计时）</translation>
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
        <source>saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Highest accuracy</source>
        <translation>最高准确率</translation>
    </message>
    <message>
        <source>Best balance</source>
        <translation>最佳平衡</translation>
    </message>
    <message>
        <source>Resource-bound</source>
        <translation>资源受限</translation>
    </message>
    <message>
        <source>Mobile / edge</source>
        <translation>移动端 / 边缘设备</translation>
    </message>
    <message>
        <source>Desktop / web service</source>
        <translation>桌面 / 网络服务</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>No measurements yet: run the benchmark.</source>
        <translation>尚无测量数据：请运行基准测试。</translation>
    </message>
    <message>
        <source>Not enough measurements to decide; run the benchmark.</source>
        <translation>测量数据不足，无法判断；请运行基准测试。</translation>
    </message>
    <message>
        <source>No model is trained yet: train them (&quot;Train all four&quot;) to compare accuracy.</source>
        <translation>尚无已训练的模型：先训练它们（“训练全部四个”）才能比较准确率。</translation>
    </message>
    <message>
        <source>fast and accurate on a CPU; ImageNet weights ship with the program (default)</source>
        <translation>在 CPU 上又快又准；ImageNet 权重随程序附带（默认）</translation>
    </message>
    <message>
        <source>smallest and fastest; a little less accurate</source>
        <translation>最小最快；准确率略低</translation>
    </message>
    <message>
        <source>accurate, slower than Lite0 on a CPU</source>
        <translation>准确，在 CPU 上比 Lite0 慢</translation>
    </message>
    <message>
        <source>most accurate; needs a GPU to fine-tune in reasonable time</source>
        <translation>最准确；需要 GPU 才能在合理时间内完成微调</translation>
    </message>
    <message>
        <source>classic large backbone; slow on a CPU</source>
        <translation>经典的大型主干网络；在 CPU 上较慢</translation>
    </message>
    <message>
        <source>{h} h {m} m</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <source>{m} m {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>not trained</source>
        <translation>未训练</translation>
    </message>
    <message>
        <source>{title} (offline default)</source>
        <translation>{title}（离线默认）</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>batch {n}</source>
        <translation>批大小 {n}</translation>
    </message>
    <message>
        <source>{model}: {stage}</source>
        <translation>{model}：{stage}</translation>
    </message>
    <message>
        <source>nothing measured</source>
        <translation>尚未测量</translation>
    </message>
    <message numerus="yes">
        <source>{device} · {precision} · %n threads · batch N = {batch} · {repeats} timed runs at batch 1 · forward pass only (no decoding)</source>
        <translation>
            <numerusform>{device} · {precision} · %n 个线程 · 批大小 N = {batch} · 批大小 1 时计时 {repeats} 次 · 仅前向计算（不含解码）</numerusform>
        </translation>
    </message>
    <message>
        <source>accuracy not measured</source>
        <translation>准确率未测量</translation>
    </message>
    <message>
        <source>{acc} validation accuracy</source>
        <translation>验证集准确率 {acc}</translation>
    </message>
    <message>
        <source>{ms} ms/image</source>
        <translation>{ms} ms/张</translation>
    </message>
    <message>
        <source>{ms} ms/image, {mb} MB file</source>
        <translation>{ms} ms/张，文件 {mb} MB</translation>
    </message>
    <message>
        <source>, {mem} MB extra memory</source>
        <translation>，额外内存 {mem} MB</translation>
    </message>
    <message>
        <source>{title} reached the best validation accuracy, {best}</source>
        <translation>{title} 的验证集准确率最高，为 {best}</translation>
    </message>
    <message>
        <source>{title} reached the best validation accuracy, {best}, {gap} points ahead of {other}</source>
        <translation>{title} 的验证集准确率最高，为 {best}，比 {other} 高 {gap} 个百分点</translation>
    </message>
    <message>
        <source>{title} gives the best trade-off measured here: {acc} at {cost}</source>
        <translation>{title} 在此次测量中取舍最佳：{acc}，代价为 {cost}</translation>
    </message>
    <message>
        <source>{title} needs the least: {cost}{mem}</source>
        <translation>{title} 所需资源最少：{cost}{mem}</translation>
    </message>
    <message>
        <source>{title} has the smallest footprint for its accuracy: {cost}{mem}, {acc}</source>
        <translation>{title} 在同等准确率下占用最小：{cost}{mem}，{acc}</translation>
    </message>
    <message>
        <source> (p95 {p95} ms)</source>
        <translation>（p95 {p95} ms）</translation>
    </message>
    <message>
        <source>{title} answers one image fastest for its accuracy: {ms} ms{tail} with {acc}</source>
        <translation>{title} 在同等准确率下单张图片响应最快：{ms} ms{tail}，{acc}</translation>
    </message>
    <message>
        <source> at batch {batch}</source>
        <translation>（批大小 {batch}）</translation>
    </message>
    <message>
        <source>{title} puts accuracy first ({acc}) and still processes {ips} images/s{at}</source>
        <translation>{title} 以准确率为先（{acc}），同时仍能处理 {ips} 张/秒{at}</translation>
    </message>
    <message>
        <source>{sentence} (speed and size only: no model is trained yet).</source>
        <translation>{sentence}（仅按速度和大小：尚无已训练的模型）。</translation>
    </message>
    <message>
        <source>{sentence}.</source>
        <translation>{sentence}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>head</source>
        <translation>仅分类头</translation>
    </message>
    <message>
        <source>finetune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>{model} ({acc})</source>
        <translation>{model}（{acc}）</translation>
    </message>
    <message numerus="yes">
        <source>{top} ({acc}) is not reliably more accurate than {names}: on a %n-image validation set differences up to about {margin} points are noise; treat them as equally accurate and choose by speed and size.</source>
        <translation>
            <numerusform>{top}（{acc}）并不比 {names} 可靠地更准确：在 %n 张图片的验证集上，约 {margin} 个百分点以内的差异属于噪声；请视为同样准确，按速度和大小选择。</numerusform>
        </translation>
    </message>
    <message>
        <source>The validation-set size of some runs is unknown, so it cannot be told whether their accuracy differences are real.</source>
        <translation>部分训练记录的验证集大小未知，因此无法判断它们的准确率差异是否真实。</translation>
    </message>
    <message>
        <source>{names} was trained from random weights (no pretrained weights were available), so their accuracy is not comparable with the pretrained models&apos;.</source>
        <translation>{names} 是从随机权重开始训练的（没有可用的预训练权重），因此其准确率无法与预训练模型相比。</translation>
    </message>
    <message>
        <source>{names} were trained from random weights (no pretrained weights were available), so their accuracy is not comparable with the pretrained models&apos;.</source>
        <translation>{names} 是从随机权重开始训练的（没有可用的预训练权重），因此其准确率无法与预训练模型相比。</translation>
    </message>
    <message>
        <source>The runs used different training modes ({modes}); compare models trained the same way (&quot;Train all four&quot; does).</source>
        <translation>这些训练记录使用了不同的训练模式（{modes}）；请比较以相同方式训练的模型（“训练全部四个”即如此）。</translation>
    </message>
</context>
<context>
    <name>BenchmarkPage</name>
    <message>
        <source>Recommendation</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>{machine}; untrained models are timed with random weights (speed does not depend on their values).</source>
        <translation>{machine}；未训练的模型使用随机权重计时（速度与权重的值无关）。</translation>
    </message>
    <message numerus="yes">
        <source>Other programs kept the CPU busy during the measurement (load {load} on %n threads): timings are noisy; run again when the computer is idle.</source>
        <translation>
            <numerusform>测量期间其他程序占用了 CPU（%n 个线程上负载为 {load}）：计时结果不稳定；请在电脑空闲时重新运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Speed, size and memory are not measured yet: click Run benchmark (a few minutes).</source>
        <translation>尚未测量速度、大小和内存：请点击“运行基准测试”（需要几分钟）。</translation>
    </message>
    <message>
        <source>{model}: measurement failed: {error}</source>
        <translation>{model}：测量失败：{error}</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>A training is already running; wait for it or cancel it on the Training page.</source>
        <translation>已有训练正在进行；请等待它完成，或在“训练”页面取消它。</translation>
    </message>
    <message>
        <source>Train {models} one after another ({mode} mode)?

This runs in the background and can take a long time; the models trained before a cancel are kept. The model you use for recognition stays the same.</source>
        <translation>依次训练 {models}（{mode}模式）？

训练在后台进行，可能需要很长时间；取消前已训练完的模型会保留。用于识别的当前模型保持不变。</translation>
    </message>
    <message>
        <source>Train all four</source>
        <translation>训练全部四个</translation>
    </message>
    <message>
        <source>Training all four</source>
        <translation>正在训练全部四个</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message numerus="yes">
        <source>Measured %n model(s)</source>
        <translation>
            <numerusform>已测量 %n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>Trained all four</source>
        <translation>全部四个已训练完成</translation>
    </message>
    <message>
        <source>Cancelled; finished models are kept</source>
        <translation>已取消；已完成的模型会保留</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Save the six charts as PNG images into folder</source>
        <translation>将六张图表保存为 PNG 图片到文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n charts to {folder}</source>
        <translation>
            <numerusform>已将 %n 张图表保存到 {folder}</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the {chart} chart</source>
        <translation>保存“{chart}”图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Save the comparison table</source>
        <translation>保存模型对比表</translation>
    </message>
</context>
<context>
    <name>ClustersPage</name>
    <message numerus="yes">
        <source>%n images · new character?</source>
        <translation>
            <numerusform>%n 张图片 · 新角色？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images · looks like {character}</source>
        <translation>
            <numerusform>%n 张图片 · 像 {character}</numerusform>
        </translation>
    </message>
    <message>
        <source>New characters</source>
        <translation>聚类：发现新角色</translation>
    </message>
    <message>
        <source>Group the unlabelled images by look to find characters you have not named yet.</source>
        <translation>按外观把未标注的图片分组，找出你还没有命名的角色。</translation>
    </message>
    <message>
        <source>All unlabelled images</source>
        <translation>所有未标注图片</translation>
    </message>
    <message>
        <source>Only those the model calls unknown</source>
        <translation>仅模型判为未知的图片</translation>
    </message>
    <message>
        <source>Find groups</source>
        <translation>查找分组</translation>
    </message>
    <message>
        <source>Looser</source>
        <translation>更宽松</translation>
    </message>
    <message>
        <source>How alike images must be to share a group (cosine similarity of their features)</source>
        <translation>图片需要多相似才能归为一组（特征的余弦相似度）</translation>
    </message>
    <message>
        <source>Tighter</source>
        <translation>更严格</translation>
    </message>
    <message>
        <source>Show in gallery</source>
        <translation>在图库浏览中显示</translation>
    </message>
    <message>
        <source>Character name (new or existing)</source>
        <translation>角色名称（新的或已有的）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>命名</translation>
    </message>
    <message>
        <source>Retrain…</source>
        <translation>重新训练…</translation>
    </message>
    <message>
        <source>Go to training: the new character is picked up by the next run</source>
        <translation>前往训练：下一次训练会包含新角色</translation>
    </message>
    <message>
        <source>Grouping images</source>
        <translation>正在为图片分组</translation>
    </message>
    <message numerus="yes">
        <source>%n unknown images: {groups} groups, largest first; {left} fit no group</source>
        <translation>
            <numerusform>%n 张未知图片：{groups} 组，最大的在前；{left} 张不属于任何一组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unlabelled images: {groups} groups, largest first; {left} fit no group</source>
        <translation>
            <numerusform>%n 张未标注图片：{groups} 组，最大的在前；{left} 张不属于任何一组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelled %n images as {character}. Retrain to teach the model the new character.</source>
        <translation>
            <numerusform>已将 %n 张图片标注为 {character}。重新训练即可让模型学会这个新角色。</numerusform>
        </translation>
    </message>
    <message>
        <source>{text} (label two characters for sharper groups)</source>
        <translation>{text}（标注两个角色可使分组更清晰）</translation>
    </message>
    <message>
        <source>cohesion {value}</source>
        <translation>内聚度 {value}</translation>
    </message>
    <message>
        <source>closest known character: {character} ({similarity})</source>
        <translation>最接近的已知角色：{character}（{similarity}）</translation>
    </message>
    <message>
        <source>the model says {character} for {share}</source>
        <translation>模型将其中 {share} 识别为 {character}</translation>
    </message>
    <message>
        <source>{share} called unknown by the model</source>
        <translation>{share} 被模型判为未知</translation>
    </message>
    <message>
        <source>similarity ≥ {value}</source>
        <translation>相似度 ≥ {value}</translation>
    </message>
    <message>
        <source>Name {count}</source>
        <translation>命名 {count} 张</translation>
    </message>
    <message>
        <source>Ctrl+click to leave out images that are someone else, then type a name and press Enter</source>
        <translation>按住 Ctrl 点击以排除其他角色的图片，然后输入名称并按 Enter</translation>
    </message>
    <message>
        <source>Type the character&apos;s name first</source>
        <translation>请先输入角色名称</translation>
    </message>
</context>
<context>
    <name>CurationAttributes</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{change} — Ctrl+Z undoes</source>
        <translation>{change} —— Ctrl+Z 撤销</translation>
    </message>
</context>
<context>
    <name>CurationExport</name>
    <message>
        <source>{text}; ONNX Runtime matches PyTorch on {same}/{images} validation images</source>
        <translation>{text}；ONNX Runtime 在 {same}/{images} 张验证集图片上与 PyTorch 结果一致</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {path} with %n classes</source>
        <translation>
            <numerusform>已写入 {path}，包含 %n 个类别</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n labelled images to {path}</source>
        <translation>
            <numerusform>已将 %n 张已标注图片写入 {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n images into {folder}</source>
        <translation>
            <numerusform>已将 %n 张图片复制到 {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n XMP sidecars ({unchanged} unchanged) beside {images} labelled images</source>
        <translation>
            <numerusform>已在 {images} 张已标注图片旁写入 %n 个 XMP 附属文件（{unchanged} 个未变）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{text}; %n left alone, e.g. {path}: {reason}</source>
        <translation>
            <numerusform>{text}；%n 个未处理，例如 {path}：{reason}</numerusform>
        </translation>
    </message>
    <message>
        <source>the original folders</source>
        <translation>原文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n caption files into {folder}</source>
        <translation>
            <numerusform>已将 %n 个描述文件写入 {folder}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>identical</source>
        <translation>完全相同</translation>
    </message>
    <message>
        <source>resized</source>
        <translation>尺寸不同</translation>
    </message>
    <message>
        <source>re-encoded</source>
        <translation>重新编码</translation>
    </message>
    <message>
        <source>edited/cropped</source>
        <translation>编辑/裁剪过</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>different labels!</source>
        <translation>标签不一致！</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message numerus="yes">
        <source>%n images · {kinds} · {who}</source>
        <translation>
            <numerusform>%n 张图片 · {kinds} · {who}</numerusform>
        </translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复图片</translation>
    </message>
    <message>
        <source>Finds the same picture saved several times: resized, re-encoded, cropped or recoloured copies.</source>
        <translation>找出被保存了多次的同一张图片：改变尺寸、重新编码、裁剪或调色后的副本。</translation>
    </message>
    <message>
        <source>Show groups marked &apos;keep all&apos;</source>
        <translation>显示已标记为“全部保留”的组</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复图片</translation>
    </message>
    <message>
        <source>Not duplicates</source>
        <translation>不是重复</translation>
    </message>
    <message>
        <source>A false match: never group these images again</source>
        <translation>误判：不再把这些图片归为一组</translation>
    </message>
    <message>
        <source>Keep all</source>
        <translation>全部保留</translation>
    </message>
    <message>
        <source>They are copies but you want them all (training still keeps them on one side of the validation split)</source>
        <translation>它们是副本，但你想全部保留（训练时仍会把它们放在验证集划分的同一侧）</translation>
    </message>
    <message>
        <source>Merge labels</source>
        <translation>合并标签</translation>
    </message>
    <message>
        <source>Give every image of the group the same character</source>
        <translation>为组内每张图片标注同一个角色</translation>
    </message>
    <message>
        <source>Keep selected only</source>
        <translation>仅保留所选</translation>
    </message>
    <message>
        <source>Remove the other images of the group from the library (files stay on disk)</source>
        <translation>从图库中移除组内其他图片（文件仍保留在磁盘上）</translation>
    </message>
    <message>
        <source>Finding duplicates</source>
        <translation>正在查找重复图片</translation>
    </message>
    <message numerus="yes">
        <source>%n images compared in {seconds} s: {groups} groups holding {images} images</source>
        <translation>
            <numerusform>在 {seconds} 秒内比较了 %n 张图片：共 {groups} 组，包含 {images} 张图片</numerusform>
        </translation>
    </message>
    <message>
        <source>{text} (perceptual hashes only)</source>
        <translation>{text}（仅使用感知哈希）</translation>
    </message>
    <message>
        <source>{kind}: pHash {phash}, dHash {dhash} bits apart</source>
        <translation>{kind}：pHash 相差 {phash} 位，dHash 相差 {dhash} 位</translation>
    </message>
    <message>
        <source>{line}, features {similarity} alike</source>
        <translation>{line}，特征相似度 {similarity}</translation>
    </message>
    <message>
        <source>Largest picture first. Select the one to keep.   {pairs}</source>
        <translation>最大的图片排在最前。请选择要保留的那张。   {pairs}</translation>
    </message>
    <message>
        <source>Marked as not duplicates</source>
        <translation>已标记为不是重复</translation>
    </message>
    <message>
        <source>Kept all copies</source>
        <translation>已保留全部副本</translation>
    </message>
    <message>
        <source>Give every image of the group the character:</source>
        <translation>为组内每张图片标注角色：</translation>
    </message>
    <message>
        <source>Labelled the group as {character}</source>
        <translation>已将该组标注为 {character}</translation>
    </message>
    <message numerus="yes">
        <source>Remove the other %n image(s) of this group from the library? The files stay on disk; this cannot be undone.</source>
        <translation>
            <numerusform>从图库中移除该组的其他 %n 张图片？文件仍保留在磁盘上；此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n duplicate(s); it is labelled {character} now</source>
        <translation>
            <numerusform>已移除 %n 张重复图片；保留的图片现已标注为 {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n duplicate(s)</source>
        <translation>
            <numerusform>已移除 %n 张重复图片</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Model as ONNX (with class list)…</source>
        <translation>模型导出为 ONNX（含类别列表）…</translation>
    </message>
    <message>
        <source>Labels as CSV…</source>
        <translation>标签导出为 CSV…</translation>
    </message>
    <message>
        <source>Labels as JSON…</source>
        <translation>标签导出为 JSON…</translation>
    </message>
    <message>
        <source>Labels as character folders…</source>
        <translation>标签导出为按角色分的文件夹…</translation>
    </message>
    <message>
        <source>Caption files for image generators…</source>
        <translation>为图像生成工具导出描述文件…</translation>
    </message>
    <message>
        <source>Tags as XMP sidecars beside the images (digiKam, darktable, Lightroom)…</source>
        <translation>标签导出为图片旁的 XMP 附属文件（digiKam、darktable、Lightroom）…</translation>
    </message>
    <message>
        <source>Export the model as ONNX</source>
        <translation>将模型导出为 ONNX</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Export labels as CSV</source>
        <translation>将标签导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export labels as JSON</source>
        <translation>将标签导出为 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export tags as XMP sidecars</source>
        <translation>将标签导出为 XMP 附属文件</translation>
    </message>
    <message>
        <source>Name each sidecar like</source>
        <translation>附属文件的命名方式</translation>
    </message>
    <message>
        <source>Copy labelled images into one folder per character, inside</source>
        <translation>将已标注图片按角色复制到各自的文件夹，位置</translation>
    </message>
    <message>
        <source>Copy labelled images with a caption .txt beside each, inside</source>
        <translation>复制已标注图片并在每张旁附上 .txt 描述文件，位置</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片数</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测数</translation>
    </message>
    <message>
        <source>Val. accuracy</source>
        <translation>验证集准确率</translation>
    </message>
    <message>
        <source>Most confused with</source>
        <translation>最常混淆的角色</translation>
    </message>
    <message>
        <source>Dataset health</source>
        <translation>数据集检查</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to label next&lt;/b&gt;&lt;br&gt;Unlabelled pictures the model is least sure about, taking turns between look-alike groups. Keyboard only: Enter takes the suggestion, 1–9 picks a character, Space skips.</source>
        <translation>&lt;b&gt;接下来标注什么&lt;/b&gt;&lt;br&gt;模型最没把握的未标注图片，在外观相似的各组之间轮流选取。只用键盘：Enter 采用建议，1–9 选择角色，Space 跳过。</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>图片数</translation>
    </message>
    <message>
        <source>Start labelling</source>
        <translation>开始标注</translation>
    </message>
    <message>
        <source>Checking the dataset</source>
        <translation>正在检查数据集</translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>model {run}</source>
        <translation>模型 {run}</translation>
    </message>
    <message>
        <source>model {run}: {accuracy} validation accuracy</source>
        <translation>模型 {run}：验证集准确率 {accuracy}</translation>
    </message>
    <message numerus="yes">
        <source> · %n near-duplicate groups</source>
        <translation>
            <numerusform> · %n 组近似重复图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images: {labelled} labelled, {unlabelled} unlabelled ({predicted} with a suggestion, {unknown} unknown) · {model}{dups}</source>
        <translation>
            <numerusform>%n 张图片：{labelled} 张已标注，{unlabelled} 张未标注（{predicted} 张有建议，{unknown} 张未知） · {model}{dups}</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to fix: well done.</source>
        <translation>没有需要修正的问题：做得好。</translation>
    </message>
    <message>
        <source>Choosing what to label next</source>
        <translation>正在选择接下来要标注的图片</translation>
    </message>
    <message>
        <source>Every image has a label: nothing to do.</source>
        <translation>每张图片都已有标签：无事可做。</translation>
    </message>
</context>
<context>
    <name>HealthText</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{name} is recognised in only {accuracy} of its validation images; add more varied pictures of {name}</source>
        <translation>{name} 在其验证集图片中只有 {accuracy} 被正确识别；请添加更多样的 {name} 图片</translation>
    </message>
    <message>
        <source>{big} has {ratio}× as many images as {small}; the model leans towards large characters</source>
        <translation>{big} 的图片数是 {small} 的 {ratio} 倍；模型会偏向图片多的角色</translation>
    </message>
    <message>
        <source>labels changed since the model was trained; retrain to use them</source>
        <translation>模型训练后标签有变动；重新训练即可使用新标签</translation>
    </message>
    <message>
        <source>the model does not know {names} yet; retrain to include them</source>
        <translation>模型还不认识 {names}；重新训练即可包含它们</translation>
    </message>
    <message numerus="yes">
        <source>{name} has %n images; characters with fewer than {minimum} are usually recognised worse — add about {more} more</source>
        <translation>
            <numerusform>{name} 只有 %n 张图片；少于 {minimum} 张的角色通常识别效果较差 —— 请再添加约 {more} 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{a} and {b} are confused in {share} of cases (%n validation mistakes); add images that show what tells them apart</source>
        <translation>
            <numerusform>{a} 和 {b} 在 {share} 的情况下被混淆（验证集中出错 %n 次）；请添加能体现两者区别的图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the latest training run could not use %n labelled images ({reasons}); replace those files or remove their labels, then train again</source>
        <translation>
            <numerusform>最近一次训练未能使用 %n 张已标注图片（{reasons}）；请替换这些文件或移除它们的标签，然后重新训练</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unlabelled image(s) look like no known character: the New characters page groups them so you can name new characters</source>
        <translation>
            <numerusform>%n 张未标注图片不像任何已知角色：“聚类”页面会将它们分组，方便你命名新角色</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of near-duplicate images: review them on the Duplicates page (training already keeps each group on one side of the validation split)</source>
        <translation>
            <numerusform>%n 组近似重复图片：请在“重复图片”页面检查（训练时已将每组放在验证集划分的同一侧）</numerusform>
        </translation>
    </message>
    <message>
        <source>label images of at least two characters so a model can be trained</source>
        <translation>请至少标注两个角色的图片，才能训练模型</translation>
    </message>
    <message>
        <source>{name} has no labelled images; label some or delete it</source>
        <translation>{name} 没有已标注的图片；请标注一些，或删除该角色</translation>
    </message>
    <message>
        <source>no model trained yet: train one to see accuracy and confusions per character</source>
        <translation>尚未训练模型：训练一个即可查看每个角色的准确率和混淆情况</translation>
    </message>
    <message>
        <source>typical of look-alike group {group}</source>
        <translation>相似外观第 {group} 组的典型图片</translation>
    </message>
    <message>
        <source>model torn between {a} and {b} (margin {margin})</source>
        <translation>模型在 {a} 和 {b} 之间犹豫（差距 {margin}）</translation>
    </message>
    <message>
        <source>model unsure (margin {margin})</source>
        <translation>模型没有把握（差距 {margin}）</translation>
    </message>
</context>
<context>
    <name>LabelNextDialog</name>
    <message>
        <source>Label next</source>
        <translation>接下来标注</translation>
    </message>
    <message>
        <source>{legend}&lt;br&gt;&lt;b&gt;Enter&lt;/b&gt; take the suggestion · &lt;b&gt;N&lt;/b&gt; new character&lt;br&gt;&lt;b&gt;Space&lt;/b&gt;/&lt;b&gt;→&lt;/b&gt; skip · &lt;b&gt;←&lt;/b&gt; back · &lt;b&gt;Backspace&lt;/b&gt; undo · &lt;b&gt;Esc&lt;/b&gt; close</source>
        <translation>{legend}&lt;br&gt;&lt;b&gt;Enter&lt;/b&gt; 采用建议 · &lt;b&gt;N&lt;/b&gt; 新角色&lt;br&gt;&lt;b&gt;Space&lt;/b&gt;/&lt;b&gt;→&lt;/b&gt; 跳过 · &lt;b&gt;←&lt;/b&gt; 返回 · &lt;b&gt;Backspace&lt;/b&gt; 撤销 · &lt;b&gt;Esc&lt;/b&gt; 关闭</translation>
    </message>
    <message>
        <source>Done: {count} labelled</source>
        <translation>完成：已标注 {count} 张</translation>
    </message>
    <message>
        <source>The queue is empty. Retrain to let the model learn from your new labels.</source>
        <translation>队列已空。重新训练即可让模型从你的新标签中学习。</translation>
    </message>
    <message>
        <source>{n} of {total} · {count} labelled</source>
        <translation>第 {n}/{total} 张 · 已标注 {count} 张</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>New character</source>
        <translation>新角色</translation>
    </message>
    <message>
        <source>Name of the character in this picture:</source>
        <translation>这张图片中角色的名称：</translation>
    </message>
</context>
<context>
    <name>LabelNextSort</name>
    <message>
        <source>Most confident first</source>
        <translation>置信度最高的在前</translation>
    </message>
    <message>
        <source>Most useful to label first</source>
        <translation>最值得标注的在前</translation>
    </message>
    <message>
        <source>Most useful: the pictures the model is least sure about, taking turns between look-alike groups (labelling these teaches it most)</source>
        <translation>最值得标注：模型最没把握的图片，在外观相似的各组之间轮流选取（标注这些对模型帮助最大）</translation>
    </message>
    <message>
        <source>Sorting by usefulness</source>
        <translation>正在按价值排序</translation>
    </message>
</context>
<context>
    <name>PageSpec</name>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Speed, size, memory and accuracy of every model on this computer</source>
        <translation>每个模型在这台电脑上的速度、大小、内存和准确率</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复图片</translation>
    </message>
    <message>
        <source>Find and clean up copies of the same picture</source>
        <translation>查找并清理同一张图片的副本</translation>
    </message>
    <message>
        <source>New characters</source>
        <translation>聚类</translation>
    </message>
    <message>
        <source>Group unlabelled images by look and name new characters</source>
        <translation>按外观为未标注图片分组，并命名新角色</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Confirm what the model found among your unlabelled images</source>
        <translation>确认模型在未标注图片中找到的角色</translation>
    </message>
    <message>
        <source>Dataset health</source>
        <translation>数据集检查</translation>
    </message>
    <message>
        <source>Per-character numbers, advice, what to label next and exports</source>
        <translation>每个角色的数据、建议、接下来标注什么，以及导出</translation>
    </message>
</context>
<context>
    <name>PredictedAttributesLabel</name>
    <message>
        <source>attributes unavailable: {reason}</source>
        <translation>属性不可用：{reason}</translation>
    </message>
    <message>
        <source>Attributes: {found}</source>
        <translation>属性：{found}</translation>
    </message>
</context>
<context>
    <name>RecommendationView</name>
    <message>
        <source>What matters most to you?</source>
        <translation>你最看重什么？</translation>
    </message>
    <message>
        <source>Where will it run?</source>
        <translation>它将在哪里运行？</translation>
    </message>
</context>
<context>
    <name>SuggestionsPage</name>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Recognise unlabelled images</source>
        <translation>识别未标注图片</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Confidence at least</source>
        <translation>置信度至少</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>The model is wrong and you do not want to label them now (Delete)</source>
        <translation>模型判断有误，且你暂时不想标注它们（Delete）</translation>
    </message>
    <message>
        <source>Label as…</source>
        <translation>标注为…</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Label each selected image with its suggested character (Enter)</source>
        <translation>将每张所选图片标注为其建议的角色（Enter）</translation>
    </message>
    <message>
        <source>All characters</source>
        <translation>所有角色</translation>
    </message>
    <message>
        <source>No model yet: train one on the Training page, then its suggestions appear here.</source>
        <translation>尚无模型：请在“训练”页面训练一个，它的建议会显示在这里。</translation>
    </message>
    <message>
        <source>most useful to label first</source>
        <translation>最值得标注的在前</translation>
    </message>
    <message>
        <source>most confident first</source>
        <translation>置信度最高的在前</translation>
    </message>
    <message>
        <source> · {count} unknown (not like your characters), not suggested</source>
        <translation> · {count} 张未知（不像你的任何角色），不提供建议</translation>
    </message>
    <message numerus="yes">
        <source>%n unlabelled images · {predicted} with a suggestion{apart} · {order}</source>
        <translation>
            <numerusform>%n 张未标注图片 · {predicted} 张有建议{apart} · {order}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestions</source>
        <translation>
            <numerusform>%n 条建议</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recognising {done} of %n unlabelled images…</source>
        <translation>
            <numerusform>正在识别未标注图片：{done}/%n…</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} · {selected} selected</source>
        <translation>{count} · 已选 {selected} 张</translation>
    </message>
    <message>
        <source>{count}   ·   Enter confirms · 1–9 labels · Delete rejects</source>
        <translation>{count}   ·   Enter 确认 · 1–9 标注 · Delete 拒绝</translation>
    </message>
    <message>
        <source>Confirm {count}</source>
        <translation>确认 {count} 张</translation>
    </message>
    <message>
        <source>Recognising</source>
        <translation>正在识别</translation>
    </message>
    <message>
        <source>Recognition failed: {reason}</source>
        <translation>识别失败：{reason}</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message numerus="yes">
        <source>confirm %n suggestion(s)</source>
        <translation>
            <numerusform>确认 %n 条建议</numerusform>
        </translation>
    </message>
</context>
</TS>
